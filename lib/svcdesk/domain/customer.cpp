#include <svcdesk/domain/customer.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace svcdesk {

Customer customer_after_intake(std::optional<Customer> before, const Ticket& ticket,
                               Timestamp now) {
    Customer c;
    if (before) {
        c = std::move(*before);
    } else {
        c.phone = ticket.phone.value_or("");
        c.created_at = now;
    }
    if (!ticket.customer.empty() &&
        std::find(c.names.begin(), c.names.end(), ticket.customer) == c.names.end())
        c.names.push_back(ticket.customer);
    // "other" is the intake's default: it says nothing about the caller.
    if (!before || ticket.customer_type != "other") c.customer_type = ticket.customer_type;
    if (!ticket.flags.empty()) c.flags = ticket.flags;
    if (ticket.language) c.language = ticket.language;
    c.updated_at = now;
    return c;
}

namespace {

Timestamp window_start(Timestamp now, const RiskPolicy& policy) {
    return now - std::chrono::hours(24) * policy.days;
}

std::string complaints_text(std::int64_t n, const RiskPolicy& policy) {
    return fmt::format("{} complaint{} in {} days", n, n == 1 ? "" : "s", policy.days);
}

} // namespace

std::int64_t complaints_within(const RiskFacts& facts, Timestamp now, const RiskPolicy& policy) {
    auto from = window_start(now, policy);
    return std::count_if(facts.complaints.begin(), facts.complaints.end(),
                         [&](Timestamp at) { return at > from && at <= now; });
}

std::vector<std::string> risk_reasons(const RiskFacts& facts, Timestamp now,
                                      const RiskPolicy& policy) {
    std::vector<std::string> reasons;
    auto n = complaints_within(facts, now, policy);
    if (n >= policy.complaints) reasons.push_back(complaints_text(n, policy));
    auto from = window_start(now, policy);
    const std::pair<TicketId, Timestamp>* latest = nullptr;
    for (const auto& d : facts.dissatisfied) {
        if (d.second > from && d.second <= now && (!latest || d.second > latest->second))
            latest = &d;
    }
    if (latest) reasons.push_back(fmt::format("dissatisfied survey (ticket {})", latest->first));
    return reasons;
}

std::optional<std::string> returning_caller_note(const std::vector<TicketId>& open,
                                                 std::int64_t complaints, bool at_risk,
                                                 const RiskPolicy& policy) {
    if (open.empty() && complaints == 0 && !at_risk) return std::nullopt;
    std::vector<std::string> parts;
    // (a notice for the agent, in their language; the risk reasons above are data: JSON keeps them)
    if (!open.empty())
        parts.push_back(fmt::format(fmt::runtime(n_("open ticket {0}", "open tickets {0}", open.size())),
                                    fmt::join(open, ", ")));
    if (complaints > 0)
        parts.push_back(fmt::format(fmt::runtime(n_("{0} complaint in {1} days", "{0} complaints in {1} days",
                                                    static_cast<unsigned long>(complaints))),
                                    complaints, policy.days));
    if (at_risk) parts.push_back(_("at risk"));
    return format_message("returning caller: {}", fmt::join(parts, _("; ")));
}

} // namespace svcdesk
