// The schema on SQLite, version 5: full-text search over tickets (issue 20, "Search").
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

// The search index: one FTS5 row per ticket, rowid = ticket id, over two texts: `body` holds
// subject, description, resolution, customer name and external_ref, `notes` the ticket's note
// events, each text followed by a newline (no trigram spans two fields, and every character has
// a follower). The trigram tokenizer indexes Chinese and English alike; contentless (content='')
// and detail=none, the index holds only which tickets hold each trigram: a fifth of what a
// copy of the texts with positions costs to write (make bench, docs/performance.md). So a hit is
// a candidate: TicketRepo::search checks it against the ticket's own texts (ticket_search_text).
// Terms shorter than a trigram are found through the index's vocabulary (ticket_search_terms):
// the trigrams that begin with the term. A contentless row is removed by repeating what was
// inserted, which the triggers do from the old values. 'hashsize': the terms an import gathers
// in memory before it writes a segment (16 MiB: half the time of the default 1 MiB).
extern const char* const k_schema_v5 = R"sql(
-- list with one filter and --limit (issue 20, "Speed"): an index serves each, in the order list
-- sorts (ticket_repo.cpp): the next deadline for open work, newest first for ended tickets.
CREATE INDEX tickets_status_created ON tickets (status, created_at, id);
CREATE INDEX tickets_open_due ON tickets (next_due, id) WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_open_status_due ON tickets (status, next_due, id)
 WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX tickets_resolved_due ON tickets (next_due, id) WHERE status = 'resolved';
CREATE INDEX tickets_next_due ON tickets (next_due, id);
CREATE INDEX tickets_assignee_due ON tickets (assignee, next_due, id) WHERE assignee IS NOT NULL;
CREATE INDEX tickets_owner_due ON tickets (owner, next_due, id) WHERE owner IS NOT NULL;
CREATE INDEX tickets_category_due ON tickets (category, next_due, id);
CREATE VIRTUAL TABLE ticket_search USING fts5(body, notes, tokenize = 'trigram', content = '', detail = 'none');
INSERT INTO ticket_search (ticket_search, rank) VALUES ('hashsize', 16777216);
CREATE VIRTUAL TABLE ticket_search_terms USING fts5vocab(ticket_search, 'row');
-- What the index holds for each ticket; a search checks its candidates against it.
CREATE VIEW ticket_search_text (id, body, notes) AS
SELECT id, subject || char(10) || coalesce(description, '') || char(10) || coalesce(resolution, '') || char(10) ||
    customer || char(10) || coalesce(external_ref, '') || char(10),
  coalesce((SELECT group_concat(reason || char(10), '') FROM (SELECT reason FROM ticket_events
    WHERE ticket_id = tickets.id AND action = 'note' AND reason IS NOT NULL ORDER BY id)), '')
  FROM tickets;
INSERT INTO ticket_search (rowid, body, notes) SELECT id, body, notes FROM ticket_search_text;
CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_search (rowid, body, notes) VALUES (new.id,
    new.subject || char(10) || coalesce(new.description, '') || char(10) || coalesce(new.resolution, '') || char(10) ||
    new.customer || char(10) || coalesce(new.external_ref, '') || char(10), '');
END;
CREATE TRIGGER ticket_search_update AFTER UPDATE OF subject, description, resolution, customer, external_ref
ON tickets WHEN old.subject IS NOT new.subject OR old.description IS NOT new.description
  OR old.resolution IS NOT new.resolution OR old.customer IS NOT new.customer
  OR old.external_ref IS NOT new.external_ref BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, body, notes) VALUES ('delete', old.id,
    old.subject || char(10) || coalesce(old.description, '') || char(10) || coalesce(old.resolution, '') || char(10) ||
    old.customer || char(10) || coalesce(old.external_ref, '') || char(10),
    coalesce((SELECT group_concat(reason || char(10), '') FROM (SELECT reason FROM ticket_events
    WHERE ticket_id = old.id AND action = 'note' AND reason IS NOT NULL ORDER BY id)), ''));
  INSERT INTO ticket_search (rowid, body, notes) SELECT id, body, notes FROM ticket_search_text WHERE id = new.id;
END;
CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, body, notes) VALUES ('delete', old.id,
    old.subject || char(10) || coalesce(old.description, '') || char(10) || coalesce(old.resolution, '') || char(10) ||
    old.customer || char(10) || coalesce(old.external_ref, '') || char(10),
    coalesce((SELECT group_concat(reason || char(10), '') FROM (SELECT reason FROM ticket_events
    WHERE ticket_id = old.id AND action = 'note' AND reason IS NOT NULL ORDER BY id)), ''));
END;
CREATE TRIGGER ticket_search_note AFTER INSERT ON ticket_events
WHEN new.action = 'note' AND new.reason IS NOT NULL BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, body, notes) SELECT 'delete', id, body,
    coalesce((SELECT group_concat(reason || char(10), '') FROM (SELECT reason FROM ticket_events
    WHERE ticket_id = new.ticket_id AND action = 'note' AND reason IS NOT NULL AND id <> new.id ORDER BY id)), '')
    FROM ticket_search_text WHERE id = new.ticket_id;
  INSERT INTO ticket_search (rowid, body, notes) SELECT id, body, notes FROM ticket_search_text WHERE id = new.ticket_id;
END;
)sql";

} // namespace svcdesk::sqlite
