// Loader of [retention]: how long personal data is kept after the service it was collected for
// (seed 004: 存储期限; PIPL art. 19, 47). svcdesk.toml(5) gives the reasons of the defaults.
#include <svcdesk/config/sections.hpp>

namespace svcdesk::config_detail {

void load_retention(const Tree& tree, Config& config) {
    auto& policy = config.retention;
    const std::pair<const char*, std::chrono::minutes*> k_periods[] = {
        {"tickets", &policy.tickets},   {"complaints", &policy.complaints},
        {"callbacks", &policy.callbacks}, {"deposits", &policy.deposits},
        {"loans", &policy.loans}};
    for (const auto& [key, period] : k_periods) {
        auto s = tree.get({"retention", key});
        if (!s) continue;
        auto value = s.as_duration();
        // Shorter than a day would purge what the next morning's report and callbacks still need.
        if (value < std::chrono::hours(24)) s.error("must be at least 1d (a day)");
        *period = value;
    }
}

} // namespace svcdesk::config_detail
