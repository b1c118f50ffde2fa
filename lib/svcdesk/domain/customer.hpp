#pragma once
// The customer record (客户档案, seed 004: 客户姓名、联系方式、服务需求、历史记录), keyed by the
// normalised phone (domain/phone.hpp): who called from that number, as whom, with which needs.

#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/time.hpp>

#include <cstdint>
#include <optional>
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

} // namespace svcdesk
