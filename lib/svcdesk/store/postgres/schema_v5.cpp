// The schema on PostgreSQL, version 5: search over tickets (see sqlite/schema_v5.cpp). A plain
// table in step through triggers, with pg_trgm's GIN indexes, which serve ILIKE '%text%' for
// any text of three characters or more (pg_trgm is a trusted extension from PostgreSQL 13: the
// database owner may create it; Debian ships it in postgresql-contrib / the server package).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v5 = R"sql(
-- list with one filter and --limit (issue 20, "Speed"): an index serves each, in the order list
-- sorts (ticket_repo.cpp; see sqlite/schema_v5.cpp): the next deadline for open work, newest first for ended tickets.
CREATE INDEX tickets_status_created ON tickets (status, created_at, id);
CREATE INDEX tickets_open_due ON tickets (next_due, id) WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_open_status_due ON tickets (status, next_due, id)
 WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_resolved_due ON tickets (next_due, id) WHERE status = 'resolved';
CREATE INDEX tickets_next_due ON tickets (next_due, id);
CREATE INDEX tickets_assignee_due ON tickets (assignee, next_due, id) WHERE assignee IS NOT NULL;
CREATE INDEX tickets_owner_due ON tickets (owner, next_due, id) WHERE owner IS NOT NULL;
CREATE INDEX tickets_category_due ON tickets (category, next_due, id);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE ticket_search (
    ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
    body      TEXT NOT NULL,
    notes     TEXT NOT NULL DEFAULT ''
);
CREATE FUNCTION ticket_search_body(t tickets) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT t.subject || chr(10) || coalesce(t.description, '') || chr(10) || coalesce(t.resolution, '') ||
         chr(10) || t.customer || chr(10) || coalesce(t.external_ref, '')
$$;
INSERT INTO ticket_search (ticket_id, body, notes)
SELECT t.id, ticket_search_body(t),
       coalesce((SELECT string_agg(e.reason, chr(10) ORDER BY e.id) FROM ticket_events e
                  WHERE e.ticket_id = t.id AND e.action = 'note' AND e.reason IS NOT NULL), '')
  FROM tickets t;
CREATE INDEX ticket_search_body_trgm ON ticket_search USING gin (body gin_trgm_ops);
CREATE INDEX ticket_search_notes_trgm ON ticket_search USING gin (notes gin_trgm_ops);
CREATE FUNCTION ticket_search_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ticket_search (ticket_id, body) VALUES (NEW.id, ticket_search_body(NEW));
  ELSIF ticket_search_body(NEW) IS DISTINCT FROM ticket_search_body(OLD) THEN
    UPDATE ticket_search SET body = ticket_search_body(NEW) WHERE ticket_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_search_ticket AFTER INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket();
CREATE FUNCTION ticket_search_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ticket_search SET notes = CASE WHEN notes = '' THEN NEW.reason ELSE notes || chr(10) || NEW.reason END
   WHERE ticket_id = NEW.ticket_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_search_note AFTER INSERT ON ticket_events
  FOR EACH ROW WHEN (NEW.action = 'note' AND NEW.reason IS NOT NULL) EXECUTE FUNCTION ticket_search_note();
)sql";

} // namespace svcdesk::postgres
