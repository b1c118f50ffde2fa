// The schema on SQLite, version 4: customers (issue 20). Phones are normalised by the data step
// of this migration (store/phones.cpp); what cannot be is kept as typed and listed by `db check`.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v4 = R"sql(
-- A returning caller's tickets, found by the normalised phone or by the name (list --phone,
-- list --customer), newest first.
CREATE INDEX tickets_phone ON tickets (phone, created_at) WHERE phone IS NOT NULL;
CREATE INDEX tickets_customer ON tickets (customer, created_at);

-- The customer record (客户档案, seed 004), keyed by the normalised phone: the names seen (a
-- JSON array), type, flags, preferred language and notes. Not yet written by intake (issue 20
-- is unfinished: see the commit that added it).
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

} // namespace svcdesk::sqlite
