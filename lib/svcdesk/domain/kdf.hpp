#pragma once
// The slow, salted hash of secrets with little entropy (ID numbers, PINs): PBKDF2-HMAC-SHA256
// from Nettle, stored as "pbkdf2-sha256$ITERATIONS$..." so that the count can grow later.

#include <string>
#include <string_view>

namespace svcdesk {

inline constexpr std::string_view k_kdf_scheme = "pbkdf2-sha256";

// Hex of the 32-byte PBKDF2-HMAC-SHA256 key of `secret` with `salt`.
std::string pbkdf2_sha256_hex(std::string_view secret, std::string_view salt, int iterations);

// Equality that takes the same time wherever the texts differ (hash comparisons).
bool equal_constant_time(std::string_view a, std::string_view b);

} // namespace svcdesk
