#pragma once
// Escalation before a breach (issue 20; seed 000 §五.4 风险预警): the levels the clock gives open
// tickets (domain/sla.hpp escalation_level), escalation by hand, and the sweep that records each
// new level once. All throw Error: invalid (2), not_found (3), refused (4), permission (5).

#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct Escalation {
    Ticket ticket;
    int level = 0;                      // the higher of the clock's and the recorded level
    std::optional<Timestamp> deadline;  // the next deadline, if the clock runs
    std::vector<std::string> recipients; // staff ids: assignee, owner; the desk's supervisors; config
};

// Open tickets escalated now (level 1 or more), most urgent first; only `desk`, only `level`.
std::vector<Escalation> list_escalations(Context& ctx, const std::optional<std::string>& desk,
                                         std::optional<int> level);

// Escalates a ticket by hand one level above its current one (at most 3): a history event
// ("escalate") naming the level, the recipients and the reason. Error(refused) for a ticket
// that is not open or at level 3 already.
Escalation escalate(Context& ctx, TicketId id, const std::string& reason);

// Records every level the clock reached since the last sweep (one "escalate" event each, no
// reason needed) and materialises the due progress callbacks (sweep_progress_callbacks);
// returns one line per ticket escalated and one for the progress callbacks, if any changed. A
// second sweep right after does nothing.
std::vector<std::string> sweep(Context& ctx);

} // namespace svcdesk
