// The schema on SQLite, version 2: identity bound to the system, PIN sessions, the contact time
// of a ticket apart from the time it was recorded, and an append-only, hash-chained audit.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v2 = R"sql(
-- Who a staff member is on the system: an OS login (SQLite) or a database role (PostgreSQL);
-- a PIN (salted PBKDF2, see domain/pin.hpp) for shared desk computers.
ALTER TABLE staff ADD COLUMN login TEXT;
ALTER TABLE staff ADD COLUMN db_role TEXT;
ALTER TABLE staff ADD COLUMN pin_hash TEXT;
ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX staff_login ON staff (login) WHERE login IS NOT NULL AND active = 1;
CREATE UNIQUE INDEX staff_db_role ON staff (db_role) WHERE db_role IS NOT NULL AND active = 1;

-- A PIN login on a shared OS account: valid for that account and login session (terminal or
-- session id) until it expires or ends.
CREATE TABLE staff_sessions (
    id         INTEGER PRIMARY KEY,
    staff      TEXT NOT NULL REFERENCES staff(id),
    os_user    TEXT NOT NULL,
    terminal   TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at   INTEGER
);
CREATE INDEX staff_sessions_open ON staff_sessions (os_user, terminal) WHERE ended_at IS NULL;

-- When the customer made contact (intake --at), apart from created_at, the clock's time of the
-- record. The SLA runs from the contact.
ALTER TABLE tickets ADD COLUMN contact_at INTEGER;
UPDATE tickets SET contact_at = created_at;

-- Each event carries the SHA-256 of its content and of the previous event's hash (NULL only on
-- events written before version 2); nothing may change or remove an event.
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE INDEX audit_events_actor ON audit_events (actor, at);
)sql";

} // namespace svcdesk::sqlite
