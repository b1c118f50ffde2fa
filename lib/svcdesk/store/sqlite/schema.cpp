// The schema on SQLite, version 1 (store/schema.cpp lists the versions). Times are UTC epoch
// seconds (INTEGER). Nothing has been released yet, so version 1 is still the whole schema; once
// a release is out, every change becomes a new entry at the end of the list.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- ---------------------------------------------------------------- staff
CREATE TABLE staff (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    desk       TEXT NOT NULL,
    roles      TEXT NOT NULL,          -- comma-separated role names
    phone      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) WITHOUT ROWID;

-- ---------------------------------------------------------------- tickets
CREATE TABLE tickets (
    id                INTEGER PRIMARY KEY,
    created_at        INTEGER NOT NULL,
    channel           TEXT NOT NULL,
    category          TEXT NOT NULL,
    class             TEXT,
    priority          TEXT NOT NULL,
    desk              TEXT NOT NULL,
    customer          TEXT NOT NULL,
    phone             TEXT,
    customer_type     TEXT NOT NULL DEFAULT 'other',
    flags             TEXT NOT NULL DEFAULT '',
    language          TEXT,
    subject           TEXT NOT NULL,
    description       TEXT,
    external_ref      TEXT UNIQUE,
    owner             TEXT REFERENCES staff(id),
    assignee          TEXT REFERENCES staff(id),
    fee_cents         INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL,
    first_response_at INTEGER,
    resolved_at       INTEGER,
    closed_at         INTEGER,
    response_due      INTEGER NOT NULL,
    resolve_due       INTEGER NOT NULL,
    wait_started_at   INTEGER,
    extended_to       INTEGER,
    resolution        TEXT,
    root_cause        TEXT,
    satisfaction      INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    updated_at        INTEGER NOT NULL,
    -- the next deadline: response while unanswered, then resolve; list sorts on it
    next_due          INTEGER GENERATED ALWAYS AS
                      (CASE WHEN first_response_at IS NULL THEN response_due ELSE resolve_due END) VIRTUAL
);
-- The work queue holds open tickets only, so that it stays small however long the history grows;
-- ticket queries repeat this WHERE term literally (ticket_repo.cpp) so that SQLite may use it.
CREATE INDEX tickets_queue ON tickets (status, desk, next_due, id)
 WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_assignee ON tickets (assignee, status) WHERE assignee IS NOT NULL;
CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;
-- covering: the open backlog at a past moment counts later resolutions without visiting rows
CREATE INDEX tickets_resolved ON tickets (resolved_at, created_at, desk) WHERE resolved_at IS NOT NULL;

CREATE TABLE ticket_events (
    id        INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    at        INTEGER NOT NULL,
    actor     TEXT,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '[]',  -- JSON: [{"field":..,"old":..,"new":..}]
    reason    TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

-- ---------------------------------------------------------------- roster
-- One shift per staff member per date; the date is the day the shift starts (ISO text).
CREATE TABLE roster (
    staff  TEXT NOT NULL REFERENCES staff(id),
    day    TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    shift  TEXT NOT NULL,
    set_by TEXT,
    set_at INTEGER NOT NULL,
    PRIMARY KEY (staff, day)
) WITHOUT ROWID;
CREATE INDEX roster_day ON roster (day, staff);

-- ---------------------------------------------------------------- deposits
-- Left luggage. ID numbers are kept as last 4 characters + salted PBKDF2 hash, never in full.
-- 'overdue' is not stored: it is a stored deposit past due_at.
CREATE TABLE deposits (
    id              INTEGER PRIMARY KEY,
    tag             TEXT NOT NULL,
    desk            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('stored', 'released', 'disposed')),
    pieces          INTEGER NOT NULL CHECK (pieces >= 1),
    items           TEXT NOT NULL,
    depositor       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    id_last4        TEXT NOT NULL,
    id_hash         TEXT NOT NULL,
    sealed          INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
    deposited_at    INTEGER NOT NULL,
    due_at          INTEGER NOT NULL,
    received_by     TEXT NOT NULL REFERENCES staff(id),
    lost_at         INTEGER,
    released_at     INTEGER,
    released_by     TEXT REFERENCES staff(id),
    release_kind    TEXT CHECK (release_kind IN ('out', 'claim', 'proxy')),
    proxy_name      TEXT,
    proxy_id_last4  TEXT,
    proxy_id_hash   TEXT,
    approved_by     TEXT REFERENCES staff(id),
    disposed_at     INTEGER,
    disposed_by     TEXT REFERENCES staff(id),
    disposal_method TEXT,
    CHECK ((status = 'released') = (released_at IS NOT NULL)),
    CHECK ((status = 'disposed') = (disposed_at IS NOT NULL))
);
-- One active deposit per tag, decided by the database even when two desks race.
CREATE UNIQUE INDEX deposits_active_tag ON deposits (tag) WHERE status = 'stored';
CREATE INDEX deposits_desk_status ON deposits (desk, status, due_at);
CREATE INDEX deposits_tag ON deposits (tag, id);
-- Contents are never edited: taking out or adding items is a pickup and a new deposit.
CREATE TRIGGER deposits_contents_fixed BEFORE UPDATE ON deposits
WHEN NEW.tag IS NOT OLD.tag OR NEW.desk IS NOT OLD.desk OR NEW.pieces IS NOT OLD.pieces
  OR NEW.items IS NOT OLD.items OR NEW.depositor IS NOT OLD.depositor OR NEW.phone IS NOT OLD.phone
  OR NEW.id_last4 IS NOT OLD.id_last4 OR NEW.id_hash IS NOT OLD.id_hash OR NEW.sealed IS NOT OLD.sealed
  OR NEW.deposited_at IS NOT OLD.deposited_at OR OLD.status <> 'stored'
BEGIN
    SELECT RAISE(ABORT, 'a deposit''s contents are never edited, and a released or disposed deposit is final');
END;

CREATE TABLE deposit_events (
    id         INTEGER PRIMARY KEY,
    deposit_id INTEGER NOT NULL REFERENCES deposits(id),
    at         INTEGER NOT NULL,
    actor      TEXT,
    action     TEXT NOT NULL,
    details    TEXT NOT NULL DEFAULT '{}'  -- JSON object
);
CREATE INDEX deposit_events_deposit ON deposit_events (deposit_id, id);

-- Shift handover (交接班): what was in storage at a desk, from one staff member to the next.
CREATE TABLE deposit_handovers (
    id            INTEGER PRIMARY KEY,
    desk          TEXT NOT NULL,
    at            INTEGER NOT NULL,
    from_staff    TEXT NOT NULL REFERENCES staff(id),
    to_staff      TEXT NOT NULL REFERENCES staff(id),
    last_event_id INTEGER NOT NULL,   -- deposit_events up to this id are covered
    previous_id   INTEGER REFERENCES deposit_handovers(id)
);
CREATE INDEX deposit_handovers_desk ON deposit_handovers (desk, id);
CREATE TABLE deposit_handover_items (
    handover_id INTEGER NOT NULL REFERENCES deposit_handovers(id),
    deposit_id  INTEGER NOT NULL REFERENCES deposits(id),
    tag         TEXT NOT NULL,
    pieces      INTEGER NOT NULL,
    items       TEXT NOT NULL,
    since       INTEGER NOT NULL,
    lost        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (handover_id, deposit_id)
) WITHOUT ROWID;

-- ---------------------------------------------------------------- callbacks
-- Callbacks (回访): planned calls back to the customer and each call made.
CREATE TABLE callbacks (
    id            INTEGER PRIMARY KEY,
    ticket_id     INTEGER NOT NULL REFERENCES tickets(id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('survey', 'progress', 'followup', 'care')),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'done', 'unreachable', 'cancelled')),
    due_at        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    created_by    TEXT REFERENCES staff(id),   -- NULL: created by the policy sweep
    finished_at   INTEGER,
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    cancel_reason TEXT,
    CHECK ((status = 'pending') = (finished_at IS NULL))
);
CREATE INDEX callbacks_status_due ON callbacks (status, due_at, id);
CREATE INDEX callbacks_ticket ON callbacks (ticket_id, purpose, status);
CREATE TABLE callback_attempts (
    id          INTEGER PRIMARY KEY,
    callback_id INTEGER NOT NULL REFERENCES callbacks(id),
    at          INTEGER NOT NULL,
    caller      TEXT NOT NULL REFERENCES staff(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number')),
    note        TEXT
);
CREATE INDEX callback_attempts_callback ON callback_attempts (callback_id, id);
-- ---------------------------------------------------------------- reports and audit
-- Reports find the rows of one day through these time indexes, never by a full scan.
CREATE INDEX tickets_first_response ON tickets (first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX tickets_resolve_due ON tickets (resolve_due);
CREATE INDEX deposits_deposited ON deposits (deposited_at);
CREATE INDEX deposits_ended ON deposits (coalesce(released_at, disposed_at)) WHERE status <> 'stored';
CREATE INDEX deposits_stored ON deposits (deposited_at) WHERE status = 'stored';
CREATE INDEX callbacks_due ON callbacks (due_at);
CREATE INDEX callbacks_finished ON callbacks (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX callback_attempts_at ON callback_attempts (at);

-- Who revealed personal data or used a supervisor-only power, and when.
CREATE TABLE audit_events (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT,
    action  TEXT NOT NULL,
    subject TEXT,
    detail  TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);
)sql";

} // namespace svcdesk::sqlite
