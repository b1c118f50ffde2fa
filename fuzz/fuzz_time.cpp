// libFuzzer target: parse_time and parse_date over arbitrary text in two time zones.
#include <svcdesk/error.hpp>
#include <svcdesk/time.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const svcdesk::Zone zones[] = {svcdesk::find_zone("Asia/Shanghai"),
                                          svcdesk::find_zone("America/Los_Angeles")};
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const svcdesk::Timestamp now{std::chrono::seconds{1795395600}}; // 2026-11-23T09:00:00+08:00
    for (auto zone : zones) {
        try {
            (void)svcdesk::parse_time(text, zone, now);
        } catch (const svcdesk::Error&) {
        }
        try {
            (void)svcdesk::parse_date(text, zone, now);
        } catch (const svcdesk::Error&) {
        }
    }
    return 0;
}
