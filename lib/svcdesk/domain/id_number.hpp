#pragma once
// Identity-document numbers of depositors and proxies. Only what verification needs is kept:
// the last 4 characters and a salted, deliberately slow hash (PBKDF2-HMAC-SHA256).

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

} // namespace svcdesk
