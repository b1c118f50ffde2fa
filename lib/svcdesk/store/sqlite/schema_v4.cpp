// The schema on SQLite, version 4: customers (issue 20). Phones are normalised by the data step
// of this migration (store/phones.cpp), tickets' and deposits'; what cannot be is kept as typed
// and listed by `db check`. The data step also makes a customer record for every phone.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v4 = R"sql(
-- A returning caller's tickets, found by the normalised phone or by the name (list --phone,
-- list --customer), newest first.
CREATE INDEX tickets_phone ON tickets (phone, created_at) WHERE phone IS NOT NULL;
CREATE INDEX tickets_customer ON tickets (customer, created_at);

-- A caller's deposits (customer show).
CREATE INDEX deposits_phone ON deposits (phone);
-- Deposits' contents are final (the trigger of version 1), but their phones are normalised by
-- the data step: the trigger is made again after it (k_schema_v4_after).
DROP TRIGGER deposits_contents_fixed;

-- The customer record (客户档案, seed 004), keyed by the normalised phone: the names seen (a
-- JSON array), type, flags, preferred language and notes. Written by every way in (intake,
-- deposit in, edit, import, this migration).
CREATE TABLE customers (
    id            INTEGER PRIMARY KEY,
    phone         TEXT NOT NULL UNIQUE,
    names         TEXT NOT NULL DEFAULT '[]',
    customer_type TEXT NOT NULL DEFAULT 'other',
    flags         TEXT NOT NULL DEFAULT '',
    language      TEXT,
    notes         TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
)sql";

// The trigger of version 1, as it was.
extern const char* const k_schema_v4_after = R"sql(
CREATE TRIGGER deposits_contents_fixed BEFORE UPDATE ON deposits
WHEN NEW.tag IS NOT OLD.tag OR NEW.desk IS NOT OLD.desk OR NEW.pieces IS NOT OLD.pieces
  OR NEW.items IS NOT OLD.items OR NEW.depositor IS NOT OLD.depositor OR NEW.phone IS NOT OLD.phone
  OR NEW.id_last4 IS NOT OLD.id_last4 OR NEW.id_hash IS NOT OLD.id_hash OR NEW.sealed IS NOT OLD.sealed
  OR NEW.deposited_at IS NOT OLD.deposited_at OR OLD.status <> 'stored'
BEGIN
    SELECT RAISE(ABORT, 'a deposit''s contents are never edited, and a released or disposed deposit is final');
END;
)sql";

} // namespace svcdesk::sqlite
