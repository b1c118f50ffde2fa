// Display names of what config names (issue 23): tables and reports show them, JSON and CSV the ids.
#include <svcdesk/config/config.hpp>

#include <svcdesk/i18n.hpp>

#include <clocale>
#include <cstdlib>

namespace svcdesk {
namespace {

std::string pick(const DisplayName& shown, std::string_view id) {
    const auto& first = chinese_messages() ? shown.name : shown.name_en;
    const auto& second = chinese_messages() ? shown.name_en : shown.name;
    if (!first.empty()) return first;
    if (!second.empty()) return second;
    return std::string(id);
}

template <typename T>
std::string pick_of(const std::vector<T>& items, std::string_view id) {
    for (const auto& item : items) {
        if (item.id == id) return pick({item.name, item.name_en}, id);
    }
    return std::string(id);
}

// svcdesk's own ids as people read them; English keeps the ids (what the CLI accepts).
struct BuiltInWord {
    NameKind kind;
    const char* id;
};
constexpr BuiltInWord k_built_in_words[] = {
    {NameKind::status, NC_("status", "new")},           {NameKind::status, NC_("status", "assigned")},
    {NameKind::status, NC_("status", "in_progress")},   {NameKind::status, NC_("status", "waiting")},
    {NameKind::status, NC_("status", "resolved")},      {NameKind::status, NC_("status", "closed")},
    {NameKind::status, NC_("status", "cancelled")},     {NameKind::channel, NC_("channel", "phone")},
    {NameKind::channel, NC_("channel", "walk_in")},     {NameKind::channel, NC_("channel", "online")},
    {NameKind::channel, NC_("channel", "email")},       {NameKind::channel, NC_("channel", "sms")},
    {NameKind::channel, NC_("channel", "social")},      {NameKind::channel, NC_("channel", "other")},
    {NameKind::priority, NC_("priority", "urgent")},    {NameKind::priority, NC_("priority", "high")},
    {NameKind::priority, NC_("priority", "normal")},    {NameKind::priority, NC_("priority", "low")},
    {NameKind::root_cause, NC_("root cause", "customer")}, {NameKind::root_cause, NC_("root cause", "staff")},
    {NameKind::root_cause, NC_("root cause", "system")}, {NameKind::root_cause, NC_("root cause", "unknown")},
};

const char* context_of(NameKind kind) {
    switch (kind) {
    case NameKind::status: return "status";
    case NameKind::channel: return "channel";
    case NameKind::priority: return "priority";
    default: return "root cause";
    }
}

std::string built_in_word(NameKind kind, std::string_view id) {
    for (const auto& word : k_built_in_words) {
        if (word.kind == kind && word.id == id) return p_(context_of(kind), word.id);
    }
    return std::string(id);
}

} // namespace

bool chinese_messages() {
    const char* current = std::setlocale(LC_MESSAGES, nullptr);
    std::string_view locale = current ? current : "C";
    if (locale == "C" || locale == "POSIX" || locale.starts_with("C.")) return false; // LANGUAGE is ignored there
    if (const char* language = std::getenv("LANGUAGE"); language && *language) {
        return std::string_view(language).starts_with("zh");
    }
    return locale.starts_with("zh");
}

std::string Config::display_name(NameKind kind, std::string_view id) const {
    switch (kind) {
    case NameKind::desk: return pick_of(desks, id);
    case NameKind::category: return pick_of(categories, id);
    case NameKind::department: return pick_of(departments, id);
    case NameKind::complaint_class: {
        auto dot = id.find('.');
        if (dot == std::string_view::npos) return pick_of(categories, id);
        const auto* category = find_category(id.substr(0, dot));
        auto class_id = std::string(id.substr(dot + 1));
        if (!category || !category->class_names.count(class_id)) return std::string(id);
        auto shown = category->class_names.at(class_id);
        if (shown.name.empty() && shown.name_en.empty()) return std::string(id);
        return pick(shown, class_id);
    }
    case NameKind::shift: {
        const auto* shift = roster.find_shift(id);
        return shift ? pick({shift->label, shift->label_en}, id) : std::string(id);
    }
    case NameKind::role: {
        auto it = role_names.find(std::string(id));
        return it == role_names.end() ? std::string(id) : pick(it->second, id);
    }
    case NameKind::status:
    case NameKind::channel:
    case NameKind::priority:
    case NameKind::root_cause: return built_in_word(kind, id);
    }
    return std::string(id);
}

} // namespace svcdesk
