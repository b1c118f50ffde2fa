// The schema on PostgreSQL: the same tables, columns, constraints and indexes as
// store/sqlite/schema.cpp, version for version, tracked in the table schema_version.
// Differences, and why:
// - Keys are BIGINT. Up to version 6 they were max(id) + 1 under one writers' lock; from
//   version 7 (schema_v7.cpp) they are identity columns, as writers no longer wait for one
//   another: ids may have gaps after a refused command. `db copy` names every id and then moves
//   the sequences past them (Dialect::follow_ids). The audit trail numbers its events itself.
// - Text that is sorted or compared is COLLATE "C": byte order, as SQLite's BINARY, whatever
//   locale the cluster was created with.
// - The generated next_due is STORED; the contents rule on deposits is a plpgsql trigger.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v1 = R"sql(
CREATE TABLE meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT NOT NULL
);

-- ---------------------------------------------------------------- staff
CREATE TABLE staff (
    id         TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    desk       TEXT COLLATE "C" NOT NULL,
    roles      TEXT NOT NULL,          -- comma-separated role names
    phone      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- ---------------------------------------------------------------- tickets
CREATE TABLE tickets (
    id                BIGINT PRIMARY KEY,
    created_at        BIGINT NOT NULL,
    channel           TEXT COLLATE "C" NOT NULL,
    category          TEXT COLLATE "C" NOT NULL,
    class             TEXT COLLATE "C",
    priority          TEXT NOT NULL,
    desk              TEXT COLLATE "C" NOT NULL,
    customer          TEXT COLLATE "C" NOT NULL,
    phone             TEXT,
    customer_type     TEXT NOT NULL DEFAULT 'other',
    flags             TEXT NOT NULL DEFAULT '',
    language          TEXT,
    subject           TEXT NOT NULL,
    description       TEXT,
    external_ref      TEXT COLLATE "C" UNIQUE,
    owner             TEXT COLLATE "C" REFERENCES staff(id),
    assignee          TEXT COLLATE "C" REFERENCES staff(id),
    fee_cents         BIGINT NOT NULL DEFAULT 0,
    status            TEXT COLLATE "C" NOT NULL,
    first_response_at BIGINT,
    resolved_at       BIGINT,
    closed_at         BIGINT,
    response_due      BIGINT NOT NULL,
    resolve_due       BIGINT NOT NULL,
    wait_started_at   BIGINT,
    extended_to       BIGINT,
    resolution        TEXT,
    root_cause        TEXT,
    satisfaction      INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    updated_at        BIGINT NOT NULL,
    -- the next deadline: response while unanswered, then resolve; list sorts on it
    next_due          BIGINT GENERATED ALWAYS AS
                      (CASE WHEN first_response_at IS NULL THEN response_due ELSE resolve_due END) STORED
);
-- The work queue holds open tickets only (as on SQLite): queries repeat its WHERE term.
CREATE INDEX tickets_queue ON tickets (status, desk, next_due, id)
 WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_assignee ON tickets (assignee, status) WHERE assignee IS NOT NULL;
CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX tickets_resolved ON tickets (resolved_at, created_at, desk) WHERE resolved_at IS NOT NULL;

CREATE TABLE ticket_events (
    id        BIGINT PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    at        BIGINT NOT NULL,
    actor     TEXT COLLATE "C",
    action    TEXT COLLATE "C" NOT NULL,
    changes   TEXT NOT NULL DEFAULT '[]',  -- JSON: [{"field":..,"old":..,"new":..}]
    reason    TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

-- ---------------------------------------------------------------- roster
CREATE TABLE roster (
    staff  TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
    day    TEXT COLLATE "C" NOT NULL CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    shift  TEXT COLLATE "C" NOT NULL,
    set_by TEXT,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (staff, day)
);
CREATE INDEX roster_day ON roster (day, staff);

-- ---------------------------------------------------------------- deposits
CREATE TABLE deposits (
    id              BIGINT PRIMARY KEY,
    tag             TEXT COLLATE "C" NOT NULL,
    desk            TEXT COLLATE "C" NOT NULL,
    status          TEXT COLLATE "C" NOT NULL CHECK (status IN ('stored', 'released', 'disposed')),
    pieces          INTEGER NOT NULL CHECK (pieces >= 1),
    items           TEXT NOT NULL,
    depositor       TEXT NOT NULL,
    phone           TEXT NOT NULL,
    id_last4        TEXT NOT NULL,
    id_hash         TEXT NOT NULL,
    sealed          INTEGER NOT NULL DEFAULT 0 CHECK (sealed IN (0, 1)),
    deposited_at    BIGINT NOT NULL,
    due_at          BIGINT NOT NULL,
    received_by     TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
    lost_at         BIGINT,
    released_at     BIGINT,
    released_by     TEXT COLLATE "C" REFERENCES staff(id),
    release_kind    TEXT CHECK (release_kind IN ('out', 'claim', 'proxy')),
    proxy_name      TEXT,
    proxy_id_last4  TEXT,
    proxy_id_hash   TEXT,
    approved_by     TEXT COLLATE "C" REFERENCES staff(id),
    disposed_at     BIGINT,
    disposed_by     TEXT COLLATE "C" REFERENCES staff(id),
    disposal_method TEXT,
    CHECK ((status = 'released') = (released_at IS NOT NULL)),
    CHECK ((status = 'disposed') = (disposed_at IS NOT NULL))
);
-- One active deposit per tag, decided by the database even when two desks race.
CREATE UNIQUE INDEX deposits_active_tag ON deposits (tag) WHERE status = 'stored';
CREATE INDEX deposits_desk_status ON deposits (desk, status, due_at);
CREATE INDEX deposits_tag ON deposits (tag, id);
-- Contents are never edited: taking out or adding items is a pickup and a new deposit.
CREATE FUNCTION deposits_contents_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tag IS DISTINCT FROM OLD.tag OR NEW.desk IS DISTINCT FROM OLD.desk
       OR NEW.pieces IS DISTINCT FROM OLD.pieces OR NEW.items IS DISTINCT FROM OLD.items
       OR NEW.depositor IS DISTINCT FROM OLD.depositor OR NEW.phone IS DISTINCT FROM OLD.phone
       OR NEW.id_last4 IS DISTINCT FROM OLD.id_last4 OR NEW.id_hash IS DISTINCT FROM OLD.id_hash
       OR NEW.sealed IS DISTINCT FROM OLD.sealed OR NEW.deposited_at IS DISTINCT FROM OLD.deposited_at
       OR OLD.status <> 'stored' THEN
        RAISE EXCEPTION 'a deposit''s contents are never edited, and a released or disposed deposit is final'
              USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER deposits_contents_fixed BEFORE UPDATE ON deposits
    FOR EACH ROW EXECUTE FUNCTION deposits_contents_fixed();

CREATE TABLE deposit_events (
    id         BIGINT PRIMARY KEY,
    deposit_id BIGINT NOT NULL REFERENCES deposits(id),
    at         BIGINT NOT NULL,
    actor      TEXT COLLATE "C",
    action     TEXT COLLATE "C" NOT NULL,
    details    TEXT NOT NULL DEFAULT '{}'  -- JSON object
);
CREATE INDEX deposit_events_deposit ON deposit_events (deposit_id, id);

CREATE TABLE deposit_handovers (
    id            BIGINT PRIMARY KEY,
    desk          TEXT COLLATE "C" NOT NULL,
    at            BIGINT NOT NULL,
    from_staff    TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
    to_staff      TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
    last_event_id BIGINT NOT NULL,
    previous_id   BIGINT REFERENCES deposit_handovers(id)
);
CREATE INDEX deposit_handovers_desk ON deposit_handovers (desk, id);
CREATE TABLE deposit_handover_items (
    handover_id BIGINT NOT NULL REFERENCES deposit_handovers(id),
    deposit_id  BIGINT NOT NULL REFERENCES deposits(id),
    tag         TEXT COLLATE "C" NOT NULL,
    pieces      INTEGER NOT NULL,
    items       TEXT NOT NULL,
    since       BIGINT NOT NULL,
    lost        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (handover_id, deposit_id)
);

-- ---------------------------------------------------------------- callbacks
CREATE TABLE callbacks (
    id            BIGINT PRIMARY KEY,
    ticket_id     BIGINT NOT NULL REFERENCES tickets(id),
    purpose       TEXT COLLATE "C" NOT NULL CHECK (purpose IN ('survey', 'progress', 'followup', 'care')),
    status        TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'done', 'unreachable', 'cancelled')),
    due_at        BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    created_by    TEXT COLLATE "C" REFERENCES staff(id),
    finished_at   BIGINT,
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    cancel_reason TEXT,
    CHECK ((status = 'pending') = (finished_at IS NULL))
);
CREATE INDEX callbacks_status_due ON callbacks (status, due_at, id);
CREATE INDEX callbacks_ticket ON callbacks (ticket_id, purpose, status);
CREATE TABLE callback_attempts (
    id          BIGINT PRIMARY KEY,
    callback_id BIGINT NOT NULL REFERENCES callbacks(id),
    at          BIGINT NOT NULL,
    caller      TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
    outcome     TEXT COLLATE "C" NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number')),
    note        TEXT
);
CREATE INDEX callback_attempts_callback ON callback_attempts (callback_id, id);
-- ---------------------------------------------------------------- reports and audit
CREATE INDEX tickets_first_response ON tickets (first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX tickets_resolve_due ON tickets (resolve_due);
CREATE INDEX deposits_deposited ON deposits (deposited_at);
CREATE INDEX deposits_ended ON deposits ((coalesce(released_at, disposed_at))) WHERE status <> 'stored';
CREATE INDEX deposits_stored ON deposits (deposited_at) WHERE status = 'stored';
CREATE INDEX callbacks_due ON callbacks (due_at);
CREATE INDEX callbacks_finished ON callbacks (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX callback_attempts_at ON callback_attempts (at);

CREATE TABLE audit_events (
    id      BIGINT PRIMARY KEY,
    at      BIGINT NOT NULL,
    actor   TEXT COLLATE "C",
    action  TEXT COLLATE "C" NOT NULL,
    subject TEXT,
    detail  TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);

-- An insert without an id gets max(id) + 1, as a rowid would.
CREATE FUNCTION next_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        EXECUTE format('SELECT coalesce(max(id), 0) + 1 FROM %I', TG_TABLE_NAME) INTO NEW.id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER tickets_id BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER ticket_events_id BEFORE INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER deposits_id BEFORE INSERT ON deposits FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER deposit_events_id BEFORE INSERT ON deposit_events FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER deposit_handovers_id BEFORE INSERT ON deposit_handovers FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER callbacks_id BEFORE INSERT ON callbacks FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER callback_attempts_id BEFORE INSERT ON callback_attempts FOR EACH ROW EXECUTE FUNCTION next_id();
CREATE TRIGGER audit_events_id BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION next_id();
)sql";

} // namespace svcdesk::postgres
