#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/domain/kdf.hpp>
#include <svcdesk/error.hpp>


#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <regex>

namespace svcdesk {
namespace {

constexpr std::string_view k_scheme = k_kdf_scheme;

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits) {
    int n = 0;
    for (char c : digits)
        n = n * 10 + (c - '0');
    return n;
}

bool real_date(int y, int m, int d) {
    return date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                date::day{static_cast<unsigned>(d)}}
        .ok();
}

// The birth date problem of digits YYYYMMDD, if any.
std::optional<std::string> birth_date_problem(int y, int m, int d, std::string_view where,
                                              std::optional<date::year_month_day> today) {
    if (y < 1800 || !real_date(y, m, d))
        return format_message("bad birth date (characters {} are not a real date)", where);
    auto born = date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                     date::day{static_cast<unsigned>(d)}};
    if (today && born > *today)
        return format_message("bad birth date (characters {} are a date in the future)", where);
    return std::nullopt;
}

} // namespace

std::string_view to_string(IdType type) { return k_id_type_names[static_cast<std::size_t>(type)]; }

IdType parse_id_type(std::string_view text) {
    for (std::size_t i = 0; i < k_id_type_names.size(); ++i) {
        if (k_id_type_names[i] == text) return static_cast<IdType>(i);
    }
    fail(Code::invalid,
         "unknown ID type '{}' (one of: resident, passport, hk_macau, taiwan, other)", text);
}

struct IdPattern::Compiled {
    std::regex re;
};

IdPattern::IdPattern(std::string text) : m_text(std::move(text)) {
    try {
        m_compiled =
            std::make_shared<const Compiled>(Compiled{std::regex(m_text, std::regex::ECMAScript)});
    } catch (const std::regex_error& e) {
        fail(Code::invalid, "not a regular expression: {}", e.what());
    }
}

bool IdPattern::matches(std::string_view id) const {
    return std::regex_match(id.begin(), id.end(), m_compiled->re);
}

char resident_id_check_char(std::string_view first17) {
    // ISO 7064 MOD 11-2: weights 2^(17-i) mod 11; the check value is (12 - sum mod 11) mod 11.
    static constexpr std::array<int, 17> k_weights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                      3, 7, 9,  10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < k_weights.size() && i < first17.size(); ++i)
        sum += (first17[i] - '0') * k_weights[i];
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::optional<std::string> resident_id_problem(std::string_view id,
                                               std::optional<date::year_month_day> today) {
    if (id.size() == 15) {
        if (!all_digits(id))
            return "an old-form resident ID number (15 characters) has digits only";
        return birth_date_problem(1900 + number(id.substr(6, 2)), number(id.substr(8, 2)),
                                  number(id.substr(10, 2)), "7-12", today);
    }
    if (id.size() != 18) {
        return format_message("a resident ID number has 18 characters (or 15 in the old form), not {}",
                           id.size());
    }
    if (!all_digits(id.substr(0, 17)) || !(all_digits(id.substr(17)) || id[17] == 'X')) {
        return _("a resident ID number is 17 digits and a check digit (0-9 or X)");
    }
    if (auto p = birth_date_problem(number(id.substr(6, 4)), number(id.substr(10, 2)),
                                    number(id.substr(12, 2)), "7-14", today)) {
        return p;
    }
    if (resident_id_check_char(id.substr(0, 17)) != id[17]) {
        return _("bad check digit (the last character does not match the ISO 7064 MOD 11-2 check of "
                 "the first 17)");
    }
    return std::nullopt;
}

std::optional<std::string> id_number_problem(std::string_view id, IdType type,
                                             const PrivacyPolicy& policy,
                                             std::optional<date::year_month_day> today) {
    if (type == IdType::resident) return resident_id_problem(id, today);
    auto it = policy.id_patterns.find(type);
    if (it == policy.id_patterns.end() || it->second.matches(id)) return std::nullopt;
    return format_message("does not match the {} pattern {} ([privacy.id_patterns] {})",
                       to_string(type), it->second.text(), to_string(type));
}

std::string normalize_id_number(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            fail(Code::invalid, "invalid ID number: use only letters and digits (6 to 32 of them)");
        }
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (out.size() < 6 || out.size() > 32) {
        fail(Code::invalid, "invalid ID number: expected 6 to 32 letters and digits, got {}", out.size());
    }
    return out;
}

IdNumberDigest digest_id_number(std::string_view id_number, std::string_view salt, int iterations) {
    auto id = normalize_id_number(id_number);
    return {id.substr(id.size() - 4), fmt::format("{}${}${}", k_scheme, iterations, pbkdf2_sha256_hex(id, salt, iterations))};
}

bool verify_id_number(std::string_view id_number, std::string_view salt, std::string_view stored_hash) {
    std::string id;
    try {
        id = normalize_id_number(id_number);
    } catch (const Error&) {
        return false;
    }
    // The stored string says how it was made, so the iteration count can grow later.
    auto first = stored_hash.find('$');
    auto second = stored_hash.find('$', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos ||
        stored_hash.substr(0, first) != k_scheme) {
        return false;
    }
    int iterations = 0;
    auto count = stored_hash.substr(first + 1, second - first - 1);
    std::from_chars(count.data(), count.data() + count.size(), iterations);
    if (iterations < 1) return false;
    auto expected = stored_hash.substr(second + 1);
    return equal_constant_time(pbkdf2_sha256_hex(id, salt, iterations), expected);
}

} // namespace svcdesk
