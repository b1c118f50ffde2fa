#include <svcdesk/domain/customer.hpp>

#include <algorithm>

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

} // namespace svcdesk
