// The schema on PostgreSQL, version 2 (see sqlite/schema_v2.cpp for what each change is for).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v2 = R"sql(
ALTER TABLE staff ADD COLUMN login TEXT COLLATE "C";
ALTER TABLE staff ADD COLUMN db_role TEXT COLLATE "C";
ALTER TABLE staff ADD COLUMN pin_hash TEXT;
ALTER TABLE staff ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX staff_login ON staff (login) WHERE login IS NOT NULL AND active = 1;
CREATE UNIQUE INDEX staff_db_role ON staff (db_role) WHERE db_role IS NOT NULL AND active = 1;

CREATE TABLE staff_sessions (
    id         BIGINT PRIMARY KEY,
    staff      TEXT COLLATE "C" NOT NULL REFERENCES staff(id),
    os_user    TEXT COLLATE "C" NOT NULL,
    terminal   TEXT COLLATE "C" NOT NULL,
    started_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ended_at   BIGINT
);
CREATE INDEX staff_sessions_open ON staff_sessions (os_user, terminal) WHERE ended_at IS NULL;
CREATE TRIGGER staff_sessions_id BEFORE INSERT ON staff_sessions FOR EACH ROW EXECUTE FUNCTION next_id();

ALTER TABLE tickets ADD COLUMN contact_at BIGINT;
UPDATE tickets SET contact_at = created_at;

ALTER TABLE audit_events ADD COLUMN hash TEXT COLLATE "C";
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only';
END
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE INDEX audit_events_actor ON audit_events (actor, at);
)sql";

} // namespace svcdesk::postgres
