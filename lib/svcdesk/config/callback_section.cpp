// Loader of [callbacks]: when surveys, follow-ups, progress calls and retries are due, and
// when calls may be made (SPEC §2; seed 000 §三.4, §五.3-4; seed 004 §4).
#include <svcdesk/config/sections.hpp>
#include <svcdesk/error.hpp>

#include <algorithm>

namespace svcdesk::config_detail {
namespace {

// Intervals shorter than this would have agents calling the same customer all day.
constexpr minutes k_min_interval{15};

minutes interval_of(const Setting& s) {
    auto amount = s.as_duration();
    if (amount < k_min_interval) s.error("must be at least 15m");
    if (amount > minutes(366 * 24 * 60)) s.error("must be at most a year");
    return amount;
}

int int_in(const Setting& s, int low, int high) {
    auto v = s.as_int();
    if (v < low || v > high) s.error(format_message("must be between {} and {}", low, high));
    return static_cast<int>(v);
}

void load_calling_hours(const Tree& tree, CallingHours& hours) {
    if (auto s = tree.get({"callbacks", "calling_hours"})) {
        auto text = s.as_string();
        auto dash = text.find('-');
        auto open = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(0, dash));
        auto close = dash == std::string::npos ? std::nullopt : parse_clock(text.substr(dash + 1));
        if (!open || !close || *close <= *open) s.error("expected \"HH:MM-HH:MM\" with the end after the start");
        hours.open = *open;
        hours.close = *close;
    }
    if (auto s = tree.get({"callbacks", "calling_days"})) {
        auto text = s.as_string();
        if (text != "working" && text != "all") s.error("expected \"working\" (working days of [calendar]) or \"all\"");
        hours.working_days_only = text == "working";
    }
}

// [callbacks.early_progress.NAME]: a progress call `after` the contact for matching tickets.
void load_early_progress(const Tree& tree, Config& config) {
    for (const auto& name : tree.keys({"callbacks", "early_progress"})) {
        EarlyProgressRule rule;
        rule.name = name;
        auto after = tree.require({"callbacks", "early_progress", name, "after"});
        rule.after = after.as_duration();
        if (rule.after < k_min_interval || rule.after > minutes(30 * 24 * 60)) after.error("must be between 15m and 30 days");
        if (auto s = tree.get({"callbacks", "early_progress", name, "priorities"})) {
            for (const auto& p : s.as_strings()) {
                try {
                    rule.priorities.push_back(parse_priority(p));
                } catch (const Error& e) {
                    s.error(e.what());
                }
            }
        }
        if (auto s = tree.get({"callbacks", "early_progress", name, "categories"})) {
            rule.categories = s.as_strings();
            for (const auto& id : rule.categories) {
                if (!config.find_category(id)) s.error(format_message("no category '{}' in [[categories]]", id));
            }
        }
        if (auto s = tree.get({"callbacks", "early_progress", name, "flags"})) {
            rule.flags = s.as_strings();
            for (const auto& f : rule.flags) {
                if (std::find(std::begin(k_customer_flags), std::end(k_customer_flags), f) == std::end(k_customer_flags)) {
                    s.error(format_message("unknown customer flag '{}' (one of: vip, elderly, disabled, foreign)", f));
                }
            }
        }
        config.callbacks.early_progress.push_back(std::move(rule));
    }
}

} // namespace

void load_callbacks(const Tree& tree, Config& config) {
    CallbackPolicy& policy = config.callbacks;
    load_calling_hours(tree, policy.calling);
    if (auto s = tree.get({"callbacks", "survey_time"})) {
        policy.survey_time = s.as_clock();
        if (policy.survey_time < policy.calling.open || policy.survey_time >= policy.calling.close) {
            s.error("must lie inside calling_hours");
        }
    }
    if (auto s = tree.get({"callbacks", "followup_days"})) policy.followup_days = int_in(s, 1, 365);
    if (auto s = tree.get({"callbacks", "followup_categories"})) {
        policy.followup_categories = s.as_strings();
        for (const auto& id : policy.followup_categories) {
            if (!config.find_category(id)) s.error(format_message("no category '{}' in [[categories]]", id));
        }
    }
    if (auto s = tree.get({"callbacks", "retry_interval"})) policy.retry_interval = interval_of(s);
    if (auto s = tree.get({"callbacks", "max_attempts"})) policy.max_attempts = int_in(s, 1, 20);

    for (const auto& key : tree.keys({"callbacks", "progress_interval"})) {
        auto s = tree.get({"callbacks", "progress_interval", key});
        if (key == "default") {
            policy.progress_default = interval_of(s);
            continue;
        }
        // A typo must not silently fall back to the default interval.
        if (!config.find_category(key)) s.error(format_message("no category '{}' in [[categories]]", key));
        policy.progress_by_category[key] = interval_of(s);
    }
    for (const auto& key : tree.keys({"callbacks", "flagged_interval"})) {
        auto s = tree.get({"callbacks", "flagged_interval", key});
        if (std::find(std::begin(k_customer_flags), std::end(k_customer_flags), key) == std::end(k_customer_flags)) {
            s.error(format_message("unknown customer flag '{}' (one of: vip, elderly, disabled, foreign)", key));
        }
        policy.progress_by_flag[key] = interval_of(s);
    }
    if (auto s = tree.get({"callbacks", "dissatisfied_at"})) policy.dissatisfied_at = int_in(s, 1, 4);
    if (auto s = tree.get({"callbacks", "survey_by_assignee"})) policy.survey_by_assignee = s.as_bool();
    if (auto s = tree.get({"callbacks", "drop_reasons"})) {
        policy.drop_reasons = s.as_strings();
        for (const auto& r : policy.drop_reasons) {
            if (r.empty() || r.find(':') != std::string::npos) s.error("each reason must be non-empty and without ':'");
        }
    }
    load_early_progress(tree, config);
}

} // namespace svcdesk::config_detail
