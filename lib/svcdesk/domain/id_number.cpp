#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/error.hpp>

#include <nettle/memops.h>
#include <nettle/pbkdf2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>

namespace svcdesk {
namespace {

constexpr std::string_view k_scheme = "pbkdf2-sha256";

std::string pbkdf2_hex(const std::string& id, std::string_view salt, int iterations) {
    std::array<std::uint8_t, 32> key{};
    pbkdf2_hmac_sha256(id.size(), reinterpret_cast<const std::uint8_t*>(id.data()), static_cast<unsigned>(iterations),
                       salt.size(), reinterpret_cast<const std::uint8_t*>(salt.data()), key.size(), key.data());
    std::string hex;
    for (auto b : key) hex += fmt::format("{:02x}", b);
    return hex;
}

} // namespace

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
    return {id.substr(id.size() - 4), fmt::format("{}${}${}", k_scheme, iterations, pbkdf2_hex(id, salt, iterations))};
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
    auto actual = pbkdf2_hex(id, salt, iterations);
    return actual.size() == expected.size() && memeql_sec(actual.data(), expected.data(), actual.size()) != 0;
}

} // namespace svcdesk
