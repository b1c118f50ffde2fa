// The schema on PostgreSQL, version 4 (see sqlite/schema_v4.cpp for what each change is for).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v4 = R"sql(
CREATE INDEX tickets_phone ON tickets (phone, created_at) WHERE phone IS NOT NULL;
CREATE INDEX tickets_customer ON tickets (customer, created_at);
CREATE INDEX deposits_phone ON deposits (phone);
DROP TRIGGER deposits_contents_fixed ON deposits;

CREATE TABLE customers (
    id            BIGINT PRIMARY KEY,
    phone         TEXT COLLATE "C" NOT NULL UNIQUE,
    names         TEXT NOT NULL DEFAULT '[]',
    customer_type TEXT NOT NULL DEFAULT 'other',
    flags         TEXT NOT NULL DEFAULT '',
    language      TEXT,
    notes         TEXT,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE TRIGGER customers_id BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION next_id();
)sql";

extern const char* const k_schema_v4_after = R"sql(
CREATE TRIGGER deposits_contents_fixed BEFORE UPDATE ON deposits
    FOR EACH ROW EXECUTE FUNCTION deposits_contents_fixed();
)sql";

} // namespace svcdesk::postgres
