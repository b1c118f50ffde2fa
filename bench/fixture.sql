-- Turns the imported 1,000,000-row call log into the reference centre's two years of work, for
-- bench/ops_bench.sh: tickets spread over the three desks and their staff (added first by
-- scripts/demo-data/roster.sh: in01-in30, su01-su29, em01-em15), 50,000 left-luggage deposits and
-- 300,000 callbacks. Written in SQL because it is fixture data, not a test of the CLI; the values
-- respect every CHECK, foreign key and unique index of the schema.
BEGIN;

UPDATE tickets
   SET desk = CASE id % 3 WHEN 0 THEN 'internal' WHEN 1 THEN 'surgery' ELSE 'emergency' END,
       assignee = CASE WHEN status IN ('new', 'cancelled') THEN NULL
                       WHEN id % 3 = 0 THEN printf('in%02d', id % 30 + 1)
                       WHEN id % 3 = 1 THEN printf('su%02d', id % 29 + 1)
                       ELSE printf('em%02d', id % 15 + 1) END,
       -- 50,000 callers of 20 tickets each (list --phone, customer show), normalised as intake stores them
       phone = printf('139%08d', id % 50000);

-- A few Chinese texts spread over the history, for search of a rare two-character word (issue 20).
UPDATE tickets SET description = description || ' 客户反映冰箱漏电' WHERE id % 100000 = 12345;

-- Deposits: all released a day after they came in, but the last 200 (still stored, one per tag).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000),
     d AS (SELECT i, 1483200000 + i * 1261 AS at, CASE i % 3 WHEN 0 THEN 'internal' WHEN 1 THEN 'surgery'
                                                    ELSE 'emergency' END AS desk FROM n)
INSERT INTO deposits (tag, desk, status, pieces, items, depositor, phone, id_last4, id_hash, deposited_at,
                      due_at, received_by, released_at, released_by, release_kind)
SELECT printf('%03d', i % 300 + 1), desk, CASE WHEN i > 49800 THEN 'stored' ELSE 'released' END,
       1 + i % 3, 'bag', 'depositor ' || i, printf('1380000%04d', i % 10000), printf('%04d', i % 10000),
       printf('%064x', i), at, at + 30 * 86400, printf('in%02d', i % 30 + 1),
       CASE WHEN i > 49800 THEN NULL ELSE at + 86400 END,
       CASE WHEN i > 49800 THEN NULL ELSE printf('in%02d', (i + 1) % 30 + 1) END,
       CASE WHEN i > 49800 THEN NULL ELSE 'out' END
  FROM d;

-- Callbacks: a survey the working day after the close of 300,000 tickets; most done.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000),
     c AS (SELECT t.id, coalesce(t.closed_at, t.created_at) + 86400 AS due, n.i
             FROM n JOIN tickets t ON t.id = n.i * 3)
INSERT INTO callbacks (ticket_id, purpose, status, due_at, created_at, created_by, finished_at, satisfaction)
SELECT id, 'survey', CASE WHEN i % 20 = 0 THEN 'unreachable' WHEN i > 298000 THEN 'pending' ELSE 'done' END,
       due, due - 86400, NULL,
       CASE WHEN i > 298000 AND i % 20 <> 0 THEN NULL ELSE due + 3600 END,
       CASE WHEN i % 20 = 0 OR i > 298000 THEN NULL ELSE 1 + i % 5 END
  FROM c;

COMMIT;
