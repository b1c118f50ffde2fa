// The schema, as an ordered list of migrations tracked in PRAGMA user_version.
// Times are UTC epoch seconds (INTEGER). Nothing has been released yet, so version 1 is still
// the whole schema; once a release is out, every change becomes a new entry at the end.
#include <svcdesk/store/sqlite/sqlite_store.hpp>

namespace svcdesk::sqlite {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> k_migrations = {
        {1, R"sql(
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
CREATE INDEX tickets_status_desk_due ON tickets (status, desk, next_due, id);
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_assignee ON tickets (assignee, status);
CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX tickets_resolved ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;

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
)sql"},
    };
    return k_migrations;
}

} // namespace svcdesk::sqlite
