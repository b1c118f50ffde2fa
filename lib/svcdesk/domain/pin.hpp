#pragma once
// Staff PINs for shared desk computers (issue 18): checked against a salted, slow hash; locked
// after k_pin_attempts failures in a row until a supervisor sets a new one.

#include <string>
#include <string_view>

namespace svcdesk {

inline constexpr int k_pin_attempts = 5;
inline constexpr int k_pin_iterations = 100'000;

// A PIN is 4 to 12 digits. Throws Error(invalid) without repeating it.
void validate_pin(std::string_view pin);

// "pbkdf2-sha256$ITERATIONS$SALT$HEX" of `pin`, with a salt of its own.
std::string hash_pin(std::string_view pin, std::string_view salt);

// Whether `pin` is the one `stored` was made from; false on anything malformed.
bool verify_pin(std::string_view pin, std::string_view stored);

} // namespace svcdesk
