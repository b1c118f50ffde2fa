#pragma once
// The customer record (客户档案, seed 004) and the early warning (风险预警, seed 000 §五.4):
// `customer show|list|edit` and the note intake gives about a returning caller.
// All throw Error: invalid (2), not_found (3), permission (5).

#include <svcdesk/domain/customer.hpp>
#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// The customer record of someone served at a desk by a deposit or a loan: a way in like an
// intake (客户档案). Inside the caller's write transaction; `phone` normalised.
void note_desk_customer(Context& ctx, const std::string& name, const std::string& phone);

// A customer as `customer show` and `customer edit` name them: a customer id is written with a
// C in front ("C12", any case); anything else is a phone number in any spelling. Returns the
// id, or nothing for a phone.
std::optional<CustomerId> customer_id_of(std::string_view text);
// Where only an id can stand (`customer edit`): "C12" or "12". Throws Error(invalid).
CustomerId parse_customer_id(std::string_view text);

// `customer show PHONE|C<id>`. Any staff member; `reveal` (the phone in clear) needs a
// supervisor and is audited (customer.reveal). Throws Error(invalid) for an impossible phone,
// Error(not_found) when no record has it.
CustomerDetail show_customer(Context& ctx, std::string_view who, bool reveal = false);

struct CustomerListFilter {
    std::optional<std::string> flag;
    std::optional<std::string> name;
    bool risk_only = false; // only those at risk, each with the reason
    std::optional<std::size_t> limit;
};
// Newest record first; at risk: the most reasons first. `reveal` as show_customer.
std::vector<CustomerListing> list_customers(Context& ctx, const CustomerListFilter& filter,
                                            bool reveal = false);

// `customer edit`: each field given replaces the stored one (an empty note or language clears
// it); flags and type as a ticket's.
struct CustomerEditRequest {
    std::optional<std::string> flags;
    std::optional<std::string> type;
    std::optional<std::string> note;
    std::optional<std::string> language;
    std::string reason;
};
// Staff who may edit customers (Permission::customer_edit, else Error(permission)); writes an
// audit event customer.edit naming every old and new value and the reason. Error(invalid) with
// nothing given or a bad value, Error(not_found), Error(refused) when nothing would change.
void edit_customer(Context& ctx, CustomerId id, const CustomerEditRequest& request);

// The early warning after an intake: the caller's other open tickets and complaints within
// customers.risk_days (returning_caller_note), or nothing. Reads in the caller's transaction.
std::optional<std::string> caller_note(Context& ctx, TicketId new_ticket);

} // namespace svcdesk
