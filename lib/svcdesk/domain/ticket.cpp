#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace svcdesk {
namespace {

constexpr std::array<std::string_view, 8> k_action_names = {
    "assign", "start", "wait", "resume", "resolve", "close", "reopen", "cancel"};

template <typename Enum, size_t N>
Enum parse_enum(std::string_view text, const std::array<std::string_view, N>& names,
                std::string_view what) {
    auto it = std::find(names.begin(), names.end(), text);
    if (it == names.end()) fail(Code::invalid, "unknown {} '{}' (one of: {})", _(std::string(what).c_str()), text, fmt::join(names, ", "));
    return static_cast<Enum>(it - names.begin());
}

template <size_t N>
std::string parse_word(std::string_view text, const std::string_view (&names)[N], std::string_view what) {
    if (std::find(std::begin(names), std::end(names), text) == std::end(names)) {
        fail(Code::invalid, "unknown {} '{}' (one of: {})", _(std::string(what).c_str()), text, fmt::join(names, ", "));
    }
    return std::string(text);
}

} // namespace

std::string_view to_string(Status s) { return k_status_names.at(static_cast<size_t>(s)); }
std::string_view to_string(Priority p) { return k_priority_names.at(static_cast<size_t>(p)); }
std::string_view to_string(RootCause r) { return k_root_cause_names.at(static_cast<size_t>(r)); }
std::string_view to_string(Action a) { return k_action_names.at(static_cast<size_t>(a)); }

Status parse_status(std::string_view text) { return parse_enum<Status>(text, k_status_names, N_("status")); }
Priority parse_priority(std::string_view text) {
    return parse_enum<Priority>(text, k_priority_names, N_("priority"));
}
RootCause parse_root_cause(std::string_view text) {
    return parse_enum<RootCause>(text, k_root_cause_names, N_("root cause"));
}
std::string parse_channel(std::string_view text) { return parse_word(text, k_channels, N_("channel")); }
std::string parse_customer_type(std::string_view text) {
    return parse_word(text, k_customer_types, N_("customer type"));
}

std::string parse_flags(std::string_view text) {
    std::vector<std::string_view> wanted;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        auto part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!part.empty()) {
            parse_word(part, k_customer_flags, N_("customer flag"));
            wanted.push_back(part);
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    std::vector<std::string_view> canonical; // in the order of k_customer_flags, no repeats
    for (auto flag : k_customer_flags) {
        if (std::find(wanted.begin(), wanted.end(), flag) != wanted.end()) canonical.push_back(flag);
    }
    return fmt::format("{}", fmt::join(canonical, ","));
}

std::int64_t fee_cents(double yuan) {
    if (!(yuan >= 0 && yuan <= 1e9)) fail(Code::invalid, "--fee must be between 0 and 1000000000");
    return static_cast<std::int64_t>(yuan * 100 + 0.5);
}

std::vector<Status> parse_status_filter(std::string_view text) {
    if (text == k_open_alias) return {std::begin(k_open_statuses), std::end(k_open_statuses)};
    return {parse_status(text)};
}

bool is_open(Status s) {
    return std::find(std::begin(k_open_statuses), std::end(k_open_statuses), s) != std::end(k_open_statuses);
}

Status next_status(Status from, Action action) {
    using enum Status;
    std::optional<Status> to;
    switch (action) {
    case Action::assign: // (re)assignment keeps work going; it never reopens a finished ticket
        if (from == new_) to = assigned;
        else if (from == assigned || from == in_progress || from == waiting) to = from;
        break;
    case Action::start:
        if (from == new_ || from == assigned) to = in_progress;
        break;
    case Action::wait:
        if (from == in_progress) to = waiting;
        break;
    case Action::resume:
        if (from == waiting) to = in_progress;
        break;
    case Action::resolve:
        if (from == in_progress || from == waiting) to = resolved;
        break;
    case Action::close:
        if (from == resolved) to = closed;
        break;
    case Action::reopen:
        if (from == resolved || from == closed) to = in_progress;
        break;
    case Action::cancel:
        if (is_open(from)) to = cancelled;
        break;
    }
    if (!to) {
        fail(Code::refused, "cannot {} a ticket that is {}{}", to_string(action), to_string(from),
             from == new_ && (action == Action::resolve || action == Action::wait)
                 ? _(" (start it first)")
                 : "");
    }
    return *to;
}

} // namespace svcdesk
