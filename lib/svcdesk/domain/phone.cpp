#include <svcdesk/domain/phone.hpp>

#include <svcdesk/error.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

// Hand-written rather than libphonenumber (Debian: libphonenumber-dev): linking it maps ICU,
// abseil and protobuf into every svcdesk process and its metadata is parsed on first use, which
// costs more than the whole of a `list --phone` that issue 20 wants within 1.5× of sqlite3
// (a program only linked to it started 85 ms slower, one parse took 180 ms more, where a whole
// sqlite3 run took 52 ms; on a loaded machine). The rules below cover what a Chinese desk sees;
// other countries are checked only for a real calling code and E.164's 15 digits.
namespace svcdesk {
namespace {

struct Region {
    std::string_view code;     // ISO 3166 alpha-2
    std::string_view calling;  // country calling code
    std::string_view trunk;    // national prefix dropped in E.164 ("" when none)
    std::string_view intl[2];  // international call prefixes
    unsigned min_len, max_len; // national significant number length
};

// The regions a site may name as site.default_country.
constexpr std::array k_regions = {
    Region{"CN", "86", "0", {"00", ""}, 7, 11},    Region{"HK", "852", "", {"001", "00"}, 8, 8},
    Region{"MO", "853", "", {"00", ""}, 8, 8},     Region{"TW", "886", "0", {"002", "00"}, 8, 9},
    Region{"US", "1", "1", {"011", ""}, 10, 10},   Region{"CA", "1", "1", {"011", ""}, 10, 10},
    Region{"GB", "44", "0", {"00", ""}, 9, 10},    Region{"JP", "81", "0", {"010", ""}, 9, 10},
    Region{"KR", "82", "0", {"001", "00"}, 8, 10}, Region{"SG", "65", "", {"000", "00"}, 8, 8},
    Region{"DE", "49", "0", {"00", ""}, 6, 13},    Region{"FR", "33", "0", {"00", ""}, 9, 9},
    Region{"AU", "61", "0", {"0011", ""}, 9, 9},   Region{"RU", "7", "8", {"810", ""}, 10, 10},
};

const Region* find_region(std::string_view code) {
    for (const auto& r : k_regions) {
        if (r.code.size() == code.size() &&
            std::equal(code.begin(), code.end(), r.code.begin(), [](char a, char b) {
                return std::toupper(static_cast<unsigned char>(a)) == b;
            }))
            return &r;
    }
    return nullptr;
}

// Assigned two- and three-digit country calling codes (ITU-T E.164 list); 1 and 7 are the
// one-digit codes.
constexpr std::array<int, 44> k_two_digit = {
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
    55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98};

bool assigned_three_digit(int code) {
    // Zones 2, 3, 4, 5, 6, 8 and 9 hand out three-digit codes; the gaps are spare codes.
    static constexpr int ranges[][2] = {
        {211, 212}, {213, 213}, {216, 216}, {218, 218}, {220, 258}, {260, 269}, {290, 291},
        {297, 299}, {350, 359}, {370, 383}, {385, 387}, {389, 389}, {420, 421}, {423, 423},
        {500, 509}, {590, 599}, {670, 670}, {672, 683}, {685, 692}, {850, 850}, {852, 853},
        {855, 856}, {880, 880}, {886, 886}, {960, 968}, {970, 977}, {992, 996}, {998, 998},
    };
    return std::any_of(std::begin(ranges), std::end(ranges),
                       [&](const auto& r) { return code >= r[0] && code <= r[1]; });
}

// Length of the calling code at the start of `digits`, 0 when none is assigned.
size_t calling_code_length(std::string_view digits) {
    if (digits.empty() || digits[0] == '0') return 0;
    if (digits[0] == '1' || digits[0] == '7') return 1;
    if (digits.size() >= 2) {
        int two = (digits[0] - '0') * 10 + (digits[1] - '0');
        if (std::find(k_two_digit.begin(), k_two_digit.end(), two) != k_two_digit.end()) return 2;
    }
    if (digits.size() >= 3) {
        int three = (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
        if (assigned_three_digit(three)) return 3;
    }
    return 0;
}

struct Typed {
    bool plus = false;
    std::vector<std::string> groups; // runs of digits, in order
    std::string extension;           // after an explicit marker
    std::string bad;                 // the first character that has no place in a number
};

// Full-width forms and Chinese extension words become their ASCII stand-ins.
Typed scan(std::string_view s) {
    Typed t;
    bool in_extension = false, seen_digit = false;
    std::string cur;
    auto end_group = [&] {
        if (!cur.empty()) t.groups.push_back(std::move(cur));
        cur.clear();
    };
    auto starts = [&](size_t i, std::string_view w) { return s.substr(i, w.size()) == w; };
    for (size_t i = 0; i < s.size() && t.bad.empty();) {
        auto c = static_cast<unsigned char>(s[i]);
        char digit = 0;
        size_t n = 1;
        if (std::isdigit(c)) {
            digit = static_cast<char>(c);
        } else if (starts(i, "\xEF\xBC") && i + 2 < s.size() &&
                   static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
                   static_cast<unsigned char>(s[i + 2]) <= 0x99) { // ０-９
            digit = static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
            n = 3;
        }
        if (digit) {
            (in_extension ? t.extension : cur) += digit;
            seen_digit = true;
            i += n;
            continue;
        }
        if (c == '+' || starts(i, "\xEF\xBC\x8B")) { // + or ＋, only in front
            if (seen_digit || t.plus) {
                t.bad = "+";
                break;
            }
            t.plus = true;
            i += c == '+' ? 1 : 3;
            continue;
        }
        std::string_view separators[] = {" ",
                                         "-",
                                         ".",
                                         "(",
                                         ")",
                                         "/",
                                         "\t",
                                         "\xE3\x80\x80" /* ideographic space */,
                                         "\xEF\xBC\x88" /* （ */,
                                         "\xEF\xBC\x89" /* ） */,
                                         "\xEF\xBC\x8D" /* － */,
                                         "\xE2\x80\x93" /* – */};
        bool sep = false;
        for (auto w : separators) {
            if (starts(i, w)) {
                end_group();
                i += w.size();
                sep = true;
                break;
            }
        }
        if (sep) continue;
        std::string_view markers[] = {"\xE8\xBD\xAC" /* 转 */,
                                      "\xE5\x88\x86\xE6\x9C\xBA" /* 分机 */,
                                      ";ext=",
                                      "ext.",
                                      "ext",
                                      "EXT",
                                      "Ext",
                                      "x",
                                      "X",
                                      "#",
                                      ",",
                                      "\xEF\xBC\x83" /* ＃ */};
        for (auto w : markers) {
            if (starts(i, w)) {
                end_group();
                if (in_extension || !seen_digit) t.bad = std::string(w);
                in_extension = true;
                i += w.size();
                sep = true;
                break;
            }
        }
        if (sep) continue;
        // The whole UTF-8 sequence of the stray character, for the message.
        n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        t.bad = std::string(s.substr(i, n));
    }
    end_group();
    if (in_extension && t.extension.empty() && t.bad.empty())
        t.bad = N_("an extension marker without digits");
    return t;
}

std::string joined(const std::vector<std::string>& groups, size_t count) {
    std::string out;
    for (size_t i = 0; i < count && i < groups.size(); ++i)
        out += groups[i];
    return out;
}

// A mainland number without country code or trunk 0 (national significant number) in
// canonical form, or "" when no such number can exist.
std::string china_national(std::string_view n, std::string_view ext) {
    if (n.size() == 11 && n[0] == '1' && n[1] >= '3' && n[1] <= '9')
        return ext.empty() ? std::string(n) : std::string(); // a mobile has no extension
    if (n.size() == 10 && (n.substr(0, 3) == "400" || n.substr(0, 3) == "800"))
        return ext.empty() ? std::string(n) : std::string();
    size_t area = 0;
    if (n.size() >= 2 && (n.substr(0, 2) == "10" || n[0] == '2'))
        area = 2; // 010, 020-029
    else if (!n.empty() && n[0] >= '3' && n[0] <= '9')
        area = 3; // 0755, 0571 ...
    if (area == 0) return {};
    size_t subscriber = n.size() - std::min(n.size(), area);
    bool ok = area == 2 ? subscriber == 8 : subscriber == 7 || subscriber == 8;
    // A subscriber number never starts with 0 or 1 (those dial trunk and special services).
    if (!ok || n[area] == '0' || n[area] == '1') return {};
    std::string out = "0" + std::string(n.substr(0, area)) + "-" + std::string(n.substr(area));
    if (!ext.empty()) out += "-" + std::string(ext);
    return out;
}

std::string international(std::string_view digits, std::string_view ext, std::string& why) {
    size_t cc = calling_code_length(digits);
    if (cc == 0) {
        why = N_("no country has this calling code");
        return {};
    }
    auto code = digits.substr(0, cc);
    auto rest = digits.substr(cc);
    if (code == "86") {
        if (!rest.empty() && rest[0] == '0') rest.remove_prefix(1); // +86 (0)10 …
        auto out = china_national(rest, ext);
        if (out.empty()) why = N_("it is no Chinese mobile or landline number");
        return out;
    }
    if (digits.size() > 15 || rest.size() < 4) {
        why = N_("an international number has 5 to 15 digits after the +");
        return {};
    }
    for (const auto& r : k_regions) {
        if (r.calling == code && r.min_len == r.max_len && rest.size() != r.min_len &&
            r.code != "RU") {
            why = format_message("the numbers of that country have {} digits", r.min_len);
            return {};
        }
    }
    if (code == "1" && (rest[0] < '2')) {
        why = N_("North American area codes start with 2-9");
        return {};
    }
    std::string out = "+" + std::string(digits);
    if (!ext.empty()) out += ";ext=" + std::string(ext);
    return out;
}

std::string normalize(std::string_view typed, std::string_view country, std::string& why) {
    const Region* region = find_region(country);
    if (!region) {
        why = N_("unknown site.default_country");
        return {};
    }
    Typed t = scan(typed);
    if (!t.bad.empty()) {
        why = t.bad.size() > 4 ? t.bad : format_message("'{}' has no place in a phone number", t.bad);
        return {};
    }
    std::string digits = joined(t.groups, t.groups.size());
    if (digits.empty()) {
        why = N_("it has no digits");
        return {};
    }
    if (t.extension.size() > 6) {
        why = N_("an extension has at most 6 digits");
        return {};
    }
    auto attempt = [&](const std::string& d, const std::string& ext) -> std::string {
        if (t.plus) return international(d, ext, why);
        for (auto prefix : region->intl) {
            if (!prefix.empty() && d.size() > prefix.size() && d.starts_with(prefix))
                return international(std::string_view(d).substr(prefix.size()), ext, why);
        }
        if (region->code == "CN") {
            std::string_view n = d;
            // 86 typed without its +, in front of a mobile (86-138-1234-5678).
            if (n.size() == 13 && n.starts_with("861") && n[3] >= '3' && n[3] <= '9')
                n.remove_prefix(2);
            else if (n.starts_with("0"))
                n.remove_prefix(1);
            else if (n.size() != 11 && n.size() != 10) {
                why = n.size() <= 8 ? N_("a landline needs its area code (e.g. 010-65528888)")
                                    : N_("a Chinese mobile has 11 digits (1[3-9]…), a landline its "
                                         "area code and 7 or 8 digits");
                return {};
            }
            auto out = china_national(n, ext);
            if (out.empty())
                why = N_("a Chinese mobile has 11 digits (1[3-9]…), a landline its area code and 7 or "
                         "8 digits");
            return out;
        }
        std::string_view n = d;
        if (!region->trunk.empty() && n.starts_with(region->trunk) && n.size() > region->min_len)
            n.remove_prefix(region->trunk.size());
        if (n.size() < region->min_len || n.size() > region->max_len) {
            why = region->min_len == region->max_len
                      ? format_message("a number of {} has {} digits", region->code, region->min_len)
                      : format_message("a number of {} has {} to {} digits", region->code, region->min_len,
                                       region->max_len);
            return {};
        }
        return international(std::string(region->calling) + std::string(n), ext, why);
    };
    auto out = attempt(digits, t.extension);
    // A last group after a complete landline is its extension: 010-65528888-8001.
    if (out.empty() && t.extension.empty() && t.groups.size() >= 2 && t.groups.back().size() <= 6) {
        std::string saved = why;
        out = attempt(joined(t.groups, t.groups.size() - 1), t.groups.back());
        if (!out.starts_with('0')) { // only Chinese landlines are written so
            out.clear();
            why = saved;
        }
    }
    return out;
}

} // namespace

std::string normalize_phone(std::string_view typed, std::string_view default_country) {
    std::string why;
    auto out = normalize(typed, default_country, why);
    if (out.empty()) {
        if (typed.empty()) fail(Code::invalid, "the phone number is empty");
        fail(Code::invalid, "impossible phone number '{}': {}", typed, _(why.c_str()));
    }
    return out;
}

std::optional<std::string> try_normalize_phone(std::string_view typed,
                                               std::string_view default_country) {
    std::string why;
    auto out = normalize(typed, default_country, why);
    if (out.empty()) return std::nullopt;
    return out;
}

bool known_phone_country(std::string_view country) { return find_region(country) != nullptr; }

} // namespace svcdesk
