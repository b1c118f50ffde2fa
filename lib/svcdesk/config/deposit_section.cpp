// Loader of [deposits]: retention, tag pools per desk, prohibited goods (seed 001 §七).
#include <svcdesk/error.hpp>
#include <svcdesk/config/sections.hpp>

#include <algorithm>

namespace svcdesk::config_detail {
namespace {

std::vector<TagPool> pools_of(const Setting& s) {
    std::vector<std::string> ranges;
    if (s.node()->is_string()) ranges.push_back(s.as_string());
    else ranges = s.as_strings();
    std::vector<TagPool> pools;
    for (const auto& text : ranges) {
        try {
            pools.push_back(parse_tag_pool(text));
        } catch (const Error& e) {
            s.error(e.what());
        }
    }
    return pools;
}

ProhibitedCategory category_of(const Setting& item) {
    ProhibitedCategory c;
    c.id = item.child("id").as_string();
    if (c.id.empty()) item.child("id").error("must not be empty");
    if (auto name = item.child("name")) c.name = name.as_string();
    auto keywords = item.child("keywords");
    if (!keywords) item.error("keywords: required setting is missing");
    c.keywords = keywords.as_strings();
    if (std::any_of(c.keywords.begin(), c.keywords.end(), [](const std::string& k) { return k.empty(); })) {
        keywords.error("keywords must not be empty strings");
    }
    if (auto allow = item.child("allow")) c.allow = allow.as_strings();
    if (auto advice = item.child("advice")) c.advice = advice.as_string();
    return c;
}

} // namespace

void load_deposits(const Tree& tree, Config& config) {
    DepositPolicy& policy = config.deposits;
    if (auto s = tree.get({"deposits", "retention"})) {
        policy.retention = s.as_duration();
        if (policy.retention.count() <= 0) s.error("must be longer than zero");
    }
    if (auto s = tree.get({"deposits", "handover_confirm_within"})) {
        policy.handover_confirm_within = s.as_duration();
        if (policy.handover_confirm_within.count() <= 0) s.error("must be longer than zero");
    }
    if (auto s = tree.get({"deposits", "max_pieces"})) {
        auto v = s.as_int();
        if (v < 1 || v > 10000) s.error("must be between 1 and 10000");
        policy.max_pieces = static_cast<int>(v);
    }
    if (auto s = tree.get({"deposits", "items_max"})) {
        auto v = s.as_int();
        if (v < 10 || v > 10000) s.error("must be between 10 and 10000");
        policy.items_max = static_cast<size_t>(v);
    }
    if (auto s = tree.get({"deposits", "hash_iterations"})) {
        auto v = s.as_int();
        if (v < 1000 || v > 10'000'000) s.error("must be between 1000 and 10000000");
        policy.hash_iterations = static_cast<int>(v);
    }
    for (const auto& desk : tree.keys({"deposits", "tag_pools"})) {
        auto s = tree.get({"deposits", "tag_pools", desk});
        if (names_replaced_reference_desk(s, config, desk)) continue;
        if (!config.find_desk(desk)) s.error(format_message("no desk '{}' in [[desks]]", desk));
        auto pools = pools_of(s);
        // One tag names one physical tag pair: pools may not overlap, within or across desks.
        for (const auto& pool : pools) {
            for (const auto& [other_desk, others] : policy.tag_pools) {
                for (const auto& other : others) {
                    if (pool.overlaps(other)) {
                        s.error(format_message("{} overlaps {} of desk '{}'", pool.text(), other.text(), other_desk));
                    }
                }
            }
            for (const auto& other : pools) {
                if (&other != &pool && pool.overlaps(other)) s.error(format_message("{} overlaps {}", pool.text(), other.text()));
            }
        }
        policy.tag_pools[desk] = std::move(pools);
    }
    if (auto s = tree.get({"deposits", "prohibited"})) {
        for (const auto& item : s.items()) {
            auto category = category_of(item);
            if (std::any_of(policy.prohibited.begin(), policy.prohibited.end(),
                            [&](const ProhibitedCategory& c) { return c.id == category.id; })) {
                item.child("id").error(format_message("duplicate id '{}'", category.id));
            }
            policy.prohibited.push_back(std::move(category));
        }
    }
}

} // namespace svcdesk::config_detail
