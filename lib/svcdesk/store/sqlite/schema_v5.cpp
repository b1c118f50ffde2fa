// The schema on SQLite, version 5: full-text search over tickets (issue 20, "Search").
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

// One FTS5 row per ticket, rowid = ticket id: `body` holds subject, description, resolution,
// customer name and external_ref (one per line, so that no trigram spans two fields), `notes` the
// texts of the ticket's note events. The trigram tokenizer indexes Chinese and English alike
// (any three characters); shorter queries scan it in rowid order (TicketRepo::search). The
// triggers keep it in step in the writer's own transaction, the bulk import's included.
extern const char* const k_schema_v5 = R"sql(
CREATE VIRTUAL TABLE ticket_search USING fts5(body, notes, tokenize = 'trigram');
INSERT INTO ticket_search (rowid, body, notes)
SELECT id,
       subject || char(10) || coalesce(description, '') || char(10) || coalesce(resolution, '') || char(10) ||
       customer || char(10) || coalesce(external_ref, ''),
       coalesce((SELECT group_concat(reason, char(10)) FROM ticket_events e
                  WHERE e.ticket_id = tickets.id AND e.action = 'note' AND e.reason IS NOT NULL), '')
  FROM tickets;
CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_search (rowid, body, notes) VALUES (new.id,
    new.subject || char(10) || coalesce(new.description, '') || char(10) || coalesce(new.resolution, '') ||
    char(10) || new.customer || char(10) || coalesce(new.external_ref, ''), '');
END;
CREATE TRIGGER ticket_search_update AFTER UPDATE OF subject, description, resolution, customer, external_ref
ON tickets WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description
  OR old.resolution IS NOT new.resolution OR old.customer IS NOT new.customer
  OR old.external_ref IS NOT new.external_ref BEGIN
  UPDATE ticket_search SET body =
    new.subject || char(10) || coalesce(new.description, '') || char(10) || coalesce(new.resolution, '') ||
    char(10) || new.customer || char(10) || coalesce(new.external_ref, '')
   WHERE rowid = new.id;
END;
CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets BEGIN
  DELETE FROM ticket_search WHERE rowid = old.id;
END;
CREATE TRIGGER ticket_search_note AFTER INSERT ON ticket_events
WHEN new.action = 'note' AND new.reason IS NOT NULL BEGIN
  UPDATE ticket_search SET notes = CASE WHEN notes = '' THEN new.reason ELSE notes || char(10) || new.reason END
   WHERE rowid = new.ticket_id;
END;
)sql";

} // namespace svcdesk::sqlite
