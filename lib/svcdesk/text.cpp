#include <svcdesk/error.hpp>
#include <svcdesk/text.hpp>

#include <utf8proc.h>

#include <cctype>
#include <vector>

namespace svcdesk {
namespace {

// Decodes one code point at `pos`; returns its length, or -1 for invalid UTF-8.
utf8proc_ssize_t decode(std::string_view text, size_t pos, utf8proc_int32_t& cp) {
    return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                            static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
}

bool is_control(utf8proc_int32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp < 0xa0); }

} // namespace

bool is_valid_utf8(std::string_view text) {
    for (size_t pos = 0; pos < text.size();) {
        utf8proc_int32_t cp;
        auto n = decode(text, pos, cp);
        if (n <= 0) return false;
        pos += static_cast<size_t>(n);
    }
    return true;
}

std::size_t code_points(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xc0) != 0x80;
    return n;
}

void check_text(std::string_view field, std::string_view value, std::size_t max, bool required, bool multiline) {
    if (!is_valid_utf8(value)) fail(Code::invalid, "{} is not valid UTF-8", field);
    bool blank = true;
    for (size_t pos = 0; pos < value.size();) {
        utf8proc_int32_t cp;
        pos += static_cast<size_t>(decode(value, pos, cp));
        if (is_control(cp) && !(multiline && (cp == '\n' || cp == '\t' || cp == '\r'))) {
            fail(Code::invalid, "{} contains a control character (U+{:04X})", field, cp);
        }
        if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x3000) blank = false;
    }
    if (required && blank) fail(Code::invalid, "{} must not be empty", field);
    if (auto n = code_points(value); n > max) {
        fail(Code::invalid, "{} is too long ({} characters; at most {})", field, n, max);
    }
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (size_t pos = 0; pos < text.size();) {
        utf8proc_int32_t cp;
        auto n = decode(text, pos, cp);
        if (n <= 0) { // invalid byte: shown as one replacement character
            ++width;
            ++pos;
            continue;
        }
        pos += static_cast<size_t>(n);
        int w = utf8proc_charwidth(cp);
        width += w > 0 ? static_cast<std::size_t>(w) : 0;
    }
    return width;
}

std::string sanitize_for_terminal(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        utf8proc_int32_t cp;
        auto n = decode(text, pos, cp);
        if (n <= 0) {
            out += "\xEF\xBF\xBD"; // U+FFFD
            ++pos;
            continue;
        }
        if (cp == '\n' || cp == '\r' || cp == '\t') out += ' ';
        else if (is_control(cp)) out += fmt::format("\\x{:02x}", cp);
        else out.append(text.substr(pos, static_cast<size_t>(n)));
        pos += static_cast<size_t>(n);
    }
    return out;
}

std::string mask_phone(std::string_view phone) {
    std::string out(phone);
    std::vector<size_t> digits;
    for (size_t i = 0; i < out.size(); ++i) {
        if (std::isdigit(static_cast<unsigned char>(out[i]))) digits.push_back(i);
    }
    // Keep the first 3 and last 4 digits of a full number; fewer of a short one.
    size_t keep_head = digits.size() >= 11 ? 3 : (digits.size() >= 7 ? 2 : 0);
    size_t keep_tail = digits.size() >= 7 ? 4 : (digits.size() >= 3 ? 2 : 0);
    for (size_t k = keep_head; k + keep_tail < digits.size(); ++k) out[digits[k]] = '*';
    return out;
}

std::string mask_name(std::string_view name) {
    // Words split at spaces (and the ideographic space): alphabetic words keep two letters, words
    // in a script without spaces between given and family name (Chinese, Japanese, Korean) one.
    std::string out;
    std::size_t kept = 0, keep = 0;
    for (size_t pos = 0; pos < name.size();) {
        utf8proc_int32_t cp;
        auto n = decode(name, pos, cp);
        if (n <= 0) {
            ++pos;
            continue;
        }
        auto bytes = name.substr(pos, static_cast<size_t>(n));
        pos += static_cast<size_t>(n);
        if (cp == ' ' || cp == 0x3000) {
            out.append(bytes);
            kept = keep = 0;
            continue;
        }
        if (keep == 0) { // the first character of a word
            keep = cp < 0x1100 ? 2 : 1;
            // A two-letter word ("Li") keeps one: something of every word stays hidden.
            size_t end = pos;
            size_t letters = 1;
            while (end < name.size() && letters <= keep) {
                utf8proc_int32_t next;
                auto m = decode(name, end, next);
                if (m <= 0 || next == ' ' || next == 0x3000) break;
                end += static_cast<size_t>(m);
                ++letters;
            }
            if (letters <= keep) keep = 1;
        }
        if (kept < keep) {
            out.append(bytes);
            ++kept;
        } else {
            out += '*';
        }
    }
    return out;
}

} // namespace svcdesk
