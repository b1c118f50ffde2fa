#include <svcdesk/domain/kdf.hpp>

#include <fmt/format.h>
#include <nettle/memops.h>
#include <nettle/pbkdf2.h>

#include <array>
#include <cstdint>

namespace svcdesk {

std::string pbkdf2_sha256_hex(std::string_view secret, std::string_view salt, int iterations) {
    std::array<std::uint8_t, 32> key{};
    pbkdf2_hmac_sha256(secret.size(), reinterpret_cast<const std::uint8_t*>(secret.data()),
                       static_cast<unsigned>(iterations), salt.size(),
                       reinterpret_cast<const std::uint8_t*>(salt.data()), key.size(), key.data());
    std::string hex;
    for (auto b : key) hex += fmt::format("{:02x}", b);
    return hex;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && memeql_sec(a.data(), b.data(), a.size()) != 0;
}

} // namespace svcdesk
