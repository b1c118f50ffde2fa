// The schema on PostgreSQL, version 6 (see sqlite/schema_v6.cpp): correct, transfer, escalate (issue 20).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v6 = R"sql(
-- Transfer to a hospital department (转办, seed 000 §五.1): the department's id from
-- [[departments]]; NULL while the ticket is with the desks. The ticket keeps its owner.
ALTER TABLE tickets ADD COLUMN department TEXT COLLATE "C";
-- Escalation (seed 000 §五.4 风险预警): the level recorded last (0 to 3), by `escalate` or by
-- `sweep`, which records each level once.
ALTER TABLE tickets ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
)sql";

} // namespace svcdesk::postgres
