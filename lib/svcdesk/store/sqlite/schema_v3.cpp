// The schema on SQLite, version 3: the seeds' rules without loopholes (issue 19). Each section
// belongs to one rule; an empty section changes nothing.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v3 = R"sql(
-- SLA (seed 000 §五.2)
-- A breach is a fact: the deadline that passed unmet, kept whatever happens to the ticket later.
ALTER TABLE tickets ADD COLUMN response_breached_at INTEGER;
ALTER TABLE tickets ADD COLUMN resolve_breached_at INTEGER;

-- Satisfaction and callbacks (seed 004 §4.1, 000 §三.3-4)
SELECT 1;

-- Deposits (seed 001 §七)
-- A handover is opened by the outgoing staff member and confirmed by the incoming one, who
-- counts the pieces (seed 001 §五.8): by confirm_due (the end of their shift). What the count
-- found different is kept with it. Handovers made before version 3 have no confirm_due.
ALTER TABLE deposit_handovers ADD COLUMN confirm_due INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN confirmed_at INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN pieces_counted INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN tags_counted TEXT;
ALTER TABLE deposit_handovers ADD COLUMN discrepancy TEXT;
)sql";

} // namespace svcdesk::sqlite
