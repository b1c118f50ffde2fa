#pragma once
// Values offered by shell completion (`svcdesk __complete KIND`): names from the configuration
// and ids from the database. Read-only, and quick enough to run on every Tab press.

#include <svcdesk/config/config.hpp>
#include <svcdesk/ops/context.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// Kinds answered from the configuration alone: desk, category, class, shift, profile, role, department.
bool is_config_completion(std::string_view kind);
std::vector<std::string> config_completions(const Config& config, std::string_view kind);

// Kinds answered from the database:
//   staff     active staff ids;
//   assignee  active staff ids, those on duty at the desk of ticket args[0] first, then those
//             on duty elsewhere, then the rest;
//   ticket    open tickets, soonest deadline first (at most k_max_completions);
//   tag       tags holding a stored or overdue deposit.
// Unknown kinds give nothing.
std::vector<std::string> store_completions(Context& ctx, std::string_view kind, const std::vector<std::string>& args);

inline constexpr std::size_t k_max_completions = 500;

} // namespace svcdesk
