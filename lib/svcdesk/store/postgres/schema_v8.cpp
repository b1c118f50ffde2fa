// The schema on PostgreSQL, version 8 (issue 22): the search rows of new tickets are written by
// one INSERT ... SELECT per INSERT statement, from the statement's transition table, instead of
// one trigger call (and one INSERT) per row. An import moves 20,000 tickets with one statement
// (import_copy.cpp), whose server CPU the per-row calls raised by a tenth (docs/performance.md,
// "Where the import's time goes"). A one-row INSERT (intake) gets a one-row transition table.
// Changes to a ticket's text still follow it row by row.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v8 = R"sql(
DROP TRIGGER IF EXISTS ticket_search_ticket ON tickets;
CREATE OR REPLACE FUNCTION ticket_search_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_search (ticket_id, body) SELECT a.id, ticket_search_body(a) FROM added a;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS ticket_search_added ON tickets;
CREATE TRIGGER ticket_search_added AFTER INSERT ON tickets REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_added();
-- Version 5's function, now for updates only (its INSERT branch is no longer reached).
CREATE TRIGGER ticket_search_ticket AFTER UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION ticket_search_ticket();
)sql";

} // namespace svcdesk::postgres
