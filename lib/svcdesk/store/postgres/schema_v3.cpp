// The schema on PostgreSQL, version 3 (see sqlite/schema_v3.cpp for what each change is for).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v3 = R"sql(
-- SLA (seed 000 §五.2)
-- A breach is a fact: the deadline that passed unmet, kept whatever happens to the ticket later.
ALTER TABLE tickets ADD COLUMN response_breached_at BIGINT;
ALTER TABLE tickets ADD COLUMN resolve_breached_at BIGINT;
-- The daily report judges a recorded resolve breach on the day of the deadline it missed.
CREATE INDEX tickets_resolve_breached ON tickets (resolve_breached_at) WHERE resolve_breached_at IS NOT NULL;

-- Satisfaction and callbacks (seed 004 §4.1, 000 §三.3-4)
-- When a low score marked the ticket dissatisfied (kept: the reports count it); a callback's own
-- handler (the owner's follow-up of a dissatisfied ticket); who dropped a survey.
ALTER TABLE tickets ADD COLUMN dissatisfied_at BIGINT;
CREATE INDEX tickets_dissatisfied ON tickets (dissatisfied_at) WHERE dissatisfied_at IS NOT NULL;
ALTER TABLE callbacks ADD COLUMN handler TEXT;
ALTER TABLE callbacks ADD COLUMN dropped_by TEXT;

-- Deposits (seed 001 §七)
-- A handover is opened by the outgoing staff member and confirmed by the incoming one, who
-- counts the pieces (seed 001 §五.8): by confirm_due (the end of their shift). What the count
-- found different is kept with it. Handovers made before version 3 have no confirm_due.
ALTER TABLE deposit_handovers ADD COLUMN confirm_due BIGINT;
ALTER TABLE deposit_handovers ADD COLUMN confirmed_at BIGINT;
ALTER TABLE deposit_handovers ADD COLUMN pieces_counted INTEGER;
ALTER TABLE deposit_handovers ADD COLUMN tags_counted TEXT;
ALTER TABLE deposit_handovers ADD COLUMN discrepancy TEXT;

-- Reports (seed 000 §五.4, seed 002 §六): the staff member a staff-caused complaint was about,
-- and the assignments of a period (transfers away) found through a time index.
ALTER TABLE tickets ADD COLUMN caused_by TEXT COLLATE "C" REFERENCES staff(id);
CREATE INDEX ticket_events_action_at ON ticket_events (action, at);
)sql";

} // namespace svcdesk::postgres
