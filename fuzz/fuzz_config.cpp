// libFuzzer target: the config loader over arbitrary TOML text, layered over the built-in config.
#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        (void)svcdesk::load_config_text(text, "fuzz.toml");
    } catch (const svcdesk::Error&) {
    }
    return 0;
}
