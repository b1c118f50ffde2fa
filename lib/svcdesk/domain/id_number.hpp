#pragma once
// Identity-document numbers of depositors and proxies. Only what verification needs is kept:
// the last 4 characters and a salted, deliberately slow hash (PBKDF2-HMAC-SHA256). Numbers are
// checked when given (seed 001 §七): a typo refused at the desk cannot make items unreleasable.

#include <date/date.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesk {

struct IdNumberDigest {
    std::string last4;
    std::string hash; // "pbkdf2-sha256$ITERATIONS$HEX"
};

// Canonical form: blanks and '-' removed, ASCII letters upper-cased (the X of a Chinese ID).
// Throws Error(invalid) when it is not 6-32 letters and digits. The message never repeats
// the number, because error messages end up in terminals and logs.
std::string normalize_id_number(std::string_view text);

// Digest of an ID number with the database's salt. Throws Error(invalid) as above.
IdNumberDigest digest_id_number(std::string_view id_number, std::string_view salt, int iterations);

// Whether `id_number` is the one `stored_hash` was made from (constant-time comparison).
// A malformed number simply does not match.
bool verify_id_number(std::string_view id_number, std::string_view salt, std::string_view stored_hash);

// The kind of identity document (--id-type): a Chinese resident identity card, checked by its
// structure (GB 11643-1999), or another document, checked by a configured pattern.
enum class IdType { resident, passport, hk_macau, taiwan, other };
inline constexpr std::array<std::string_view, 5> k_id_type_names = {"resident", "passport",
                                                                    "hk_macau", "taiwan", "other"};
std::string_view to_string(IdType type);
// Throws Error(invalid) listing k_id_type_names.
IdType parse_id_type(std::string_view text);

// A configured pattern of document numbers: an ECMAScript regular expression that the whole
// normalised number must match.
class IdPattern {
  public:
    // Throws Error(invalid) with the regular-expression library's reason.
    explicit IdPattern(std::string text);
    bool matches(std::string_view id) const;
    const std::string& text() const { return m_text; }

  private:
    struct Compiled;
    std::string m_text;
    std::shared_ptr<const Compiled> m_compiled;
};

// What happens to an ID number found in free text (privacy.id_in_text).
enum class IdInText { refuse, mask };

// [privacy]: data minimisation (seed 004 §4-5).
struct PrivacyPolicy {
    std::map<IdType, IdPattern> id_patterns; // every type but resident
    IdInText id_in_text = IdInText::refuse;
};

// The ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of 17 digits.
char resident_id_check_char(std::string_view first17);

// Why the normalised `id` is no valid resident ID number (length or characters, bad birth date,
// bad check digit), std::nullopt when it is one: 17 digits with a real birth date YYYYMMDD at
// characters 7-14 and the check character, or the old form of 15 digits with YYMMDD (19YY) at
// 7-12. A birth date after `today`, when given, is bad too. The reason never holds the number.
std::optional<std::string>
resident_id_problem(std::string_view id, std::optional<date::year_month_day> today = std::nullopt);

// The same for a document of any type: resident by its structure, the others by their pattern
// (no pattern configured: any normalised number).
std::optional<std::string>
id_number_problem(std::string_view id, IdType type, const PrivacyPolicy& policy,
                  std::optional<date::year_month_day> today = std::nullopt);

} // namespace svcdesk
