#pragma once
// The customer record (客户档案, seed 004: 客户姓名、联系方式、服务需求、历史记录), keyed by the
// normalised phone (domain/phone.hpp): who called from that number, as whom, with which needs.

#include <svcdesk/domain/callback.hpp>
#include <svcdesk/domain/deposit.hpp>
#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/time.hpp>

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace svcdesk {

using CustomerId = std::int64_t;

struct Customer {
    CustomerId id = 0;
    std::string phone;              // normalised
    std::vector<std::string> names; // every name given with this phone, first seen first
    std::string customer_type = "other";
    std::string flags; // comma-separated k_customer_flags
    std::optional<std::string> language;
    std::optional<std::string> notes;
    Timestamp created_at{};
    Timestamp updated_at{};
};

// The record of `ticket.phone` after its intake: created from the ticket when `before` is
// nothing; else the ticket's name added to the names seen (once), and its type, flags and
// language taken when the ticket gives them. `ticket.phone` must be set.
Customer customer_after_intake(std::optional<Customer> before, const Ticket& ticket, Timestamp now);

// [customers] risk_complaints, risk_days: a caller with `complaints` complaints within `days`
// days, or a dissatisfied survey within them, is at risk (风险预警, seed 000 §五.4).
struct RiskPolicy {
    int complaints = 2;
    int days = 90;
};

// What the rule looks at: the caller's complaint tickets (when each was created) and the
// tickets a low score marked dissatisfied (on close or in a callback survey), with when.
struct RiskFacts {
    std::vector<Timestamp> complaints;
    std::vector<std::pair<TicketId, Timestamp>> dissatisfied;
};

// The complaints of `facts` within the policy's window (now - days, now].
std::int64_t complaints_within(const RiskFacts& facts, Timestamp now, const RiskPolicy& policy);

// One reason a caller is at risk: `complaints` complaints within `days` days, or (complaints 0)
// the latest dissatisfied survey, of ticket `dissatisfied`.
struct RiskReason {
    std::int64_t complaints = 0;
    int days = 0;
    TicketId dissatisfied = 0;
    bool operator==(const RiskReason&) const = default;
};

// Why the caller is at risk at `now`: the complaints within the window, then the latest
// dissatisfied survey in it; empty when not at risk.
std::vector<RiskReason> risk_reasons(const RiskFacts& facts, Timestamp now, const RiskPolicy& policy);

// A reason as data, in English whatever the locale (JSON and CSV keep it): "3 complaints in 90
// days", "dissatisfied survey (ticket 7)".
std::string risk_data(const RiskReason& reason);
// A reason for people, in their language: "90天内投诉3次".
std::string risk_words(const RiskReason& reason);

// The early warning at intake (seed 000 §五.4): "returning caller: open tickets 3, 7; 2
// complaints in 90 days; at risk" for a caller with earlier open tickets or recent complaints
// (`open` excludes the new ticket); nothing for a first or quiet caller.
std::optional<std::string> returning_caller_note(const std::vector<TicketId>& open,
                                                 std::int64_t complaints, bool at_risk,
                                                 const RiskPolicy& policy);

// The read models of `customer show` and `customer list`.
// A caller and their history across tickets, callbacks and deposits.
struct CustomerDetail {
    Customer customer;
    std::vector<RiskReason> risk; // why at risk (risk_reasons); empty: not at risk
    std::int64_t tickets = 0;      // all the caller's tickets
    std::vector<Ticket> open_tickets;
    std::vector<Ticket> complaints; // created within customers.risk_days
    struct Satisfaction {
        int score = 0;
        TicketId ticket = 0;
        Timestamp at{};
    };
    std::optional<Satisfaction> last_satisfaction; // on close or in a survey, the latest
    std::vector<CallbackListing> unreachable;       // callbacks that gave up
    std::vector<Deposit> deposits;
};

struct CustomerListing {
    Customer customer;
    std::vector<RiskReason> risk;
};
} // namespace svcdesk
