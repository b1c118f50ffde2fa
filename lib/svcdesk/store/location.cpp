#include <svcdesk/store/location.hpp>

#include <cctype>

namespace svcdesk {
namespace {

bool starts_with_keyword(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && (std::islower(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    if (i == start) return false;
    while (i < s.size() && s[i] == ' ') ++i;
    return i < s.size() && s[i] == '=';
}

// Replaces the value that follows each occurrence of `key` up to one of `ends`.
std::string mask_after(std::string text, std::string_view key, std::string_view ends) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
        std::size_t from = at + key.size();
        std::size_t to = text.find_first_of(ends, from);
        if (to == std::string::npos) to = text.size();
        if (to > from) text.replace(from, to - from, "***");
    }
    return text;
}

} // namespace

bool is_postgres_location(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://") ||
           starts_with_keyword(location);
}

std::string mask_location(std::string_view location) {
    std::string out(location);
    if (!is_postgres_location(location)) return out;
    auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        // postgresql://user:secret@host/db: the password sits between the first ':' and the '@'
        auto at = out.find('@', scheme + 3);
        auto slash = out.find('/', scheme + 3);
        if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
            auto colon = out.find(':', scheme + 3);
            if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
        }
        return mask_after(out, "password=", "&");
    }
    return mask_after(out, "password=", " ");
}

} // namespace svcdesk
