#include <svcdesk/domain/search.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/text.hpp>

#include <algorithm>

namespace svcdesk {
namespace {

constexpr std::string_view k_ideographic_space = "\xE3\x80\x80";

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The byte offset of `needle` in `hay`, ASCII letters compared without case.
std::size_t find_folded(std::string_view hay, std::string_view needle) {
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                          [](char a, char b) { return fold(a) == fold(b); });
    return it == hay.end() ? std::string_view::npos : static_cast<std::size_t>(it - hay.begin());
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Moves `pos` back (or forward) over `count` UTF-8 characters, not past the ends of `s`.
std::size_t back_chars(std::string_view s, std::size_t pos, std::size_t count) {
    while (count > 0 && pos > 0) {
        --pos;
        while (pos > 0 && is_continuation(s[pos])) --pos;
        --count;
    }
    return pos;
}
std::size_t forward_chars(std::string_view s, std::size_t pos, std::size_t count) {
    while (count > 0 && pos < s.size()) {
        ++pos;
        while (pos < s.size() && is_continuation(s[pos])) ++pos;
        --count;
    }
    return pos;
}

} // namespace

std::vector<std::string> search_terms(std::string_view text) {
    check_text("search text", text, 200, true);
    std::string spaced(text);
    for (auto at = spaced.find(k_ideographic_space); at != std::string::npos;
         at = spaced.find(k_ideographic_space, at)) {
        spaced.replace(at, k_ideographic_space.size(), " ");
    }
    std::vector<std::string> terms;
    std::size_t start = 0;
    while (start < spaced.size()) {
        auto end = std::min(spaced.find_first_of(" \t", start), spaced.size());
        if (end > start) terms.push_back(spaced.substr(start, end - start));
        start = end + 1;
    }
    if (terms.empty()) fail(Code::invalid, "search text is blank; give a word to look for");
    return terms;
}

std::string search_snippet(std::string_view text, const std::vector<std::string>& terms, std::size_t context) {
    std::size_t line_start = 0;
    while (line_start <= text.size()) {
        auto line_end = std::min(text.find('\n', line_start), text.size());
        auto line = text.substr(line_start, line_end - line_start);
        for (const auto& term : terms) {
            auto at = find_folded(line, term);
            if (at == std::string_view::npos) continue;
            auto from = back_chars(line, at, context);
            auto to = forward_chars(line, at + term.size(), context);
            std::string out = from > 0 ? "…" : "";
            out += line.substr(from, at - from);
            out += '[';
            out += line.substr(at, term.size());
            out += ']';
            out += line.substr(at + term.size(), to - at - term.size());
            if (to < line.size()) out += "…";
            return out;
        }
        line_start = line_end + 1;
    }
    return {};
}

} // namespace svcdesk
