// The schema on SQLite, version 9: equipment loans against a cash deposit (issue 24, seed 001
// §六, §八).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v9 = R"sql(
-- One row per loan. Money in whole fen. `unit` numbers the desk's units of the kind (1..count):
-- the partial unique index lets one open loan hold a unit, so two desks lending the last
-- wheelchair at once cannot both win.
CREATE TABLE loans (
    id           INTEGER PRIMARY KEY,
    desk         TEXT NOT NULL,
    item         TEXT NOT NULL,
    unit         INTEGER NOT NULL CHECK (unit >= 1),
    borrower     TEXT NOT NULL,
    phone        TEXT NOT NULL,
    id_last4     TEXT NOT NULL,
    id_hash      TEXT NOT NULL,
    deposit_fen  INTEGER NOT NULL CHECK (deposit_fen >= 0),
    out_at       INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    lent_by      TEXT NOT NULL REFERENCES staff(id),
    returned_at  INTEGER,
    returned_by  TEXT REFERENCES staff(id),
    condition    TEXT CHECK (condition IN ('ok', 'damaged', 'lost')),
    kept_fen     INTEGER NOT NULL DEFAULT 0 CHECK (kept_fen >= 0),
    refunded_fen INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
    kept_by      TEXT REFERENCES staff(id),
    note         TEXT,
    CHECK ((returned_at IS NULL) = (condition IS NULL)),
    CHECK (kept_fen + refunded_fen = CASE WHEN returned_at IS NULL THEN 0 ELSE deposit_fen END)
);
CREATE UNIQUE INDEX loans_open_unit ON loans (desk, item, unit) WHERE returned_at IS NULL;
CREATE INDEX loans_desk_out ON loans (desk, out_at);
CREATE INDEX loans_desk_returned ON loans (desk, returned_at);
-- The deposit handover (交接班) also hands over the loans (issue 24: "the cash must balance at
-- every handover"): the loan items out at the desk and the loan-deposit cash on hand when it was
-- made, and what the incoming staff member counted. NULL on handovers made before version 9.
ALTER TABLE deposit_handovers ADD COLUMN loans_out INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN loan_cash_fen INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN loans_counted INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN cash_counted_fen INTEGER;
-- Callbacks (回访) of overdue loans (issue 24: "overdue loans become callbacks of purpose loan"):
-- a callback is for a ticket or for a loan, never both; purpose 'loan' exactly when for a loan;
-- at most one callback per loan. SQLite cannot change a column's NOT NULL or a CHECK in place:
-- callbacks and callback_attempts (whose foreign key names callbacks) are made anew, copied, the
-- old ones dropped (the attempts first, so that no row is left without its callback while foreign
-- keys are enforced) and the new ones renamed (which carries the attempts' reference along).
CREATE TABLE callbacks_v9 (
    id            INTEGER PRIMARY KEY,
    ticket_id     INTEGER REFERENCES tickets(id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('survey', 'progress', 'followup', 'care', 'loan')),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'done', 'unreachable', 'cancelled')),
    due_at        INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    created_by    TEXT REFERENCES staff(id),   -- NULL: created by the policy sweep
    finished_at   INTEGER,
    satisfaction  INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    cancel_reason TEXT,
    handler       TEXT,
    dropped_by    TEXT,
    loan_id       INTEGER REFERENCES loans(id),
    CHECK ((status = 'pending') = (finished_at IS NULL)),
    CHECK ((ticket_id IS NULL) <> (loan_id IS NULL)),
    CHECK ((purpose = 'loan') = (loan_id IS NOT NULL))
);
INSERT INTO callbacks_v9 (id, ticket_id, purpose, status, due_at, created_at, created_by, finished_at, satisfaction,
                          cancel_reason, handler, dropped_by)
    SELECT id, ticket_id, purpose, status, due_at, created_at, created_by, finished_at, satisfaction, cancel_reason,
           handler, dropped_by FROM callbacks;
CREATE TABLE callback_attempts_v9 (
    id          INTEGER PRIMARY KEY,
    callback_id INTEGER NOT NULL REFERENCES callbacks_v9(id),
    at          INTEGER NOT NULL,
    caller      TEXT NOT NULL REFERENCES staff(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number')),
    note        TEXT
);
INSERT INTO callback_attempts_v9 (id, callback_id, at, caller, outcome, note)
    SELECT id, callback_id, at, caller, outcome, note FROM callback_attempts;
DROP TABLE callback_attempts;
DROP TABLE callbacks;
ALTER TABLE callbacks_v9 RENAME TO callbacks;
ALTER TABLE callback_attempts_v9 RENAME TO callback_attempts;
CREATE INDEX callbacks_status_due ON callbacks (status, due_at, id);
CREATE INDEX callbacks_ticket ON callbacks (ticket_id, purpose, status);
CREATE INDEX callbacks_due ON callbacks (due_at);
CREATE INDEX callbacks_finished ON callbacks (finished_at) WHERE finished_at IS NOT NULL;
CREATE UNIQUE INDEX callbacks_loan ON callbacks (loan_id) WHERE loan_id IS NOT NULL;
CREATE INDEX callback_attempts_callback ON callback_attempts (callback_id, id);
CREATE INDEX callback_attempts_at ON callback_attempts (at);
)sql";

} // namespace svcdesk::sqlite
