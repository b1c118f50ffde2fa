#include <svcdesk/domain/retention.hpp>

#include <algorithm>

namespace svcdesk {
namespace {

// The history fields the reports read (statuses, staff, desks, categories, deadlines, levels);
// every other field, known or added later, is treated as personal.
constexpr std::string_view k_impersonal_fields[] = {
    "status",      "assignee",   "owner",    "desk",     "category",         "class",
    "priority",    "department", "caused_by", "channel", "escalation_level", "satisfaction",
    "root_cause",  "fee",        "customer_type", "extended_to", "callbacks"};

constexpr std::string_view k_impersonal_details[] = {
    "tag",  "desk", "due_at", "id_type", "overdue", "pieces", "pieces_confirmed", "sealed",
    "approved_by", "items_described", "to", "from", "handover"};

bool has_suffix(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

} // namespace

std::string erased_phone_key(std::int64_t customer_id) { return "#" + std::to_string(customer_id); }

bool is_erased_phone_key(std::string_view phone) { return !phone.empty() && phone.front() == '#'; }

std::optional<Timestamp> ticket_purge_time(const TicketEnd& end, const RetentionPolicy& policy) {
    if (!end.ended || end.callback_pending) return std::nullopt;
    Timestamp at = end.ended_at + (end.complaint ? policy.complaints : policy.tickets);
    if (end.last_callback) at = std::max(at, *end.last_callback + policy.callbacks);
    return at;
}

bool is_impersonal_field(std::string_view field) {
    if (has_suffix(field, "_at") || has_suffix(field, "_due")) return true; // times
    return std::find(std::begin(k_impersonal_fields), std::end(k_impersonal_fields), field) !=
           std::end(k_impersonal_fields);
}

std::vector<FieldChange> erase_personal_changes(std::vector<FieldChange> changes) {
    for (auto& c : changes) {
        if (is_impersonal_field(c.field)) continue;
        if (c.old_value) c.old_value = std::string(k_erased_text);
        if (c.new_value) c.new_value = std::string(k_erased_text);
    }
    return changes;
}

bool is_impersonal_detail(std::string_view key) {
    if (has_suffix(key, "_at") || has_suffix(key, "_by")) return true;
    return std::find(std::begin(k_impersonal_details), std::end(k_impersonal_details), key) !=
           std::end(k_impersonal_details);
}

} // namespace svcdesk
