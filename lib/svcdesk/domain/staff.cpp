#include <svcdesk/domain/staff.hpp>
#include <svcdesk/error.hpp>

#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

namespace svcdesk {

bool Staff::has_role(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::vector<std::string> parse_roles(std::string_view text) {
    std::vector<std::string> roles;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        auto part = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!part.empty()) {
            if (std::find(std::begin(k_roles), std::end(k_roles), part) == std::end(k_roles)) {
                fail(Code::invalid, "unknown role '{}' (one of: {})", part, fmt::join(k_roles, ", "));
            }
            if (std::find(roles.begin(), roles.end(), part) == roles.end()) roles.emplace_back(part);
        }
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    if (roles.empty()) fail(Code::invalid, "at least one role is required (e.g. --role agent)");
    return roles;
}

std::string join_roles(const std::vector<std::string>& roles) { return fmt::format("{}", fmt::join(roles, ",")); }

void validate_staff_id(std::string_view id) {
    bool ok = !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
    if (!ok) {
        fail(Code::invalid, "invalid staff id '{}': use 1-32 letters, digits, '-', '_' or '.'", id);
    }
}

} // namespace svcdesk
