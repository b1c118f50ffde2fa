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
)sql";

} // namespace svcdesk::sqlite
