#include <svcdesk/domain/kdf.hpp>
#include <svcdesk/domain/pin.hpp>
#include <svcdesk/error.hpp>

#include <algorithm>
#include <charconv>

namespace svcdesk {

void validate_pin(std::string_view pin) {
    bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || pin.size() < 4 || pin.size() > 12) fail(Code::invalid, "a PIN is 4 to 12 digits");
}

std::string hash_pin(std::string_view pin, std::string_view salt) {
    return fmt::format("{}${}${}${}", k_kdf_scheme, k_pin_iterations, salt,
                       pbkdf2_sha256_hex(pin, salt, k_pin_iterations));
}

bool verify_pin(std::string_view pin, std::string_view stored) {
    // scheme $ iterations $ salt $ hex
    std::string_view parts[4];
    size_t start = 0;
    for (int i = 0; i < 4; ++i) {
        auto end = i == 3 ? stored.size() : stored.find('$', start);
        if (end == std::string_view::npos) return false;
        parts[i] = stored.substr(start, end - start);
        start = end + 1;
    }
    if (parts[0] != k_kdf_scheme) return false;
    int iterations = 0;
    std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    if (iterations < 1) return false;
    return equal_constant_time(pbkdf2_sha256_hex(pin, parts[2], iterations), parts[3]);
}

} // namespace svcdesk
