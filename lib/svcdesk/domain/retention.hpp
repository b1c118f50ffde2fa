#pragma once
// How long personal data is kept once the service it was collected for is over, and what a
// purge leaves of a record (issue 24; seed 004: 明确客户信息的收集范围、使用目的及存储期限; PIPL
// art. 19 and 47: deleted once the purpose is served). Pure rules: the store applies them.

#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/time.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// [retention]: the period after the end of each kind of record (ticket closed or cancelled,
// callback finished, deposit released or disposed, loan returned). Defaults in svcdesk.toml(5).
struct RetentionPolicy {
    std::chrono::minutes tickets = std::chrono::hours(24 * 365);
    std::chrono::minutes complaints = std::chrono::hours(24 * 365 * 3);
    std::chrono::minutes callbacks = std::chrono::hours(24 * 365);
    std::chrono::minutes deposits = std::chrono::hours(24 * 365);
    std::chrono::minutes loans = std::chrono::hours(24 * 365);
};

// What an anonymised record holds in place of a name or a free text: a fixed word, so that
// lists and exports still show a value and no text of the person remains.
inline constexpr std::string_view k_erased_text = "(erased)";

// The key that stands for a purged caller's phone on their tickets: distinct per caller and
// derived from nothing personal (the customer record's id), so that the figures counted by phone
// (repeat callers, customers at risk) come out the same after a purge. Never a valid phone
// number: it starts with '#'.
std::string erased_phone_key(std::int64_t customer_id);
bool is_erased_phone_key(std::string_view phone);

// The moment a ticket's personal data may be purged: its end (closed or cancelled) plus the
// complaint or ticket period, and no earlier than its last finished callback plus the callback
// period. nullopt while the ticket, or one of its callbacks, is still open.
struct TicketEnd {
    bool ended = false;                       // closed or cancelled
    Timestamp ended_at{};                     // when
    bool complaint = false;                   // [reports] complaint_categories
    bool callback_pending = false;            // a callback still to be made
    std::optional<Timestamp> last_callback{}; // the latest finished callback
};
std::optional<Timestamp> ticket_purge_time(const TicketEnd& end, const RetentionPolicy& policy);

// A history event's field changes as a purge leaves them: the old and new values of every field
// that may hold personal data (customer, phone, subject, description, resolution, flags,
// language, any field not known to be impersonal) become k_erased_text; statuses, staff, desks,
// categories, priorities and times stay, as the reports read them.
std::vector<FieldChange> erase_personal_changes(std::vector<FieldChange> changes);
bool is_impersonal_field(std::string_view field);

// Whether a key of a deposit event's details (a JSON object) holds nothing personal (tag, desk,
// staff ids, times, counts); the string values of every other key are erased by a purge.
bool is_impersonal_detail(std::string_view key);

} // namespace svcdesk
