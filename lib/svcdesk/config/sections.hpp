#pragma once
// One loader per config section; load_config runs them in order. Private to lib/.

#include <svcdesk/config/config.hpp>
#include <svcdesk/config/tree.hpp>

namespace svcdesk::config_detail {

// A site cannot delete keys of a merged table, so when its own [[desks]] replaces the reference
// centre's, built-in settings that name a reference desk (tag pools, coverage rules, the shipped
// import profiles' desk) are dropped. True for such a setting; the same name in a site file is
// the caller's error to report.
inline bool names_replaced_reference_desk(const Setting& s, const Config& config, const std::string& desk) {
    return s.built_in() && !config.find_desk(desk);
}

void load_site(const Tree& tree, Config& config);     // [site], [database], [limits], desks
void load_catalog(const Tree& tree, Config& config);  // [[categories]]
void load_calendar(const Tree& tree, Config& config); // [calendar]
void load_sla(const Tree& tree, Config& config);      // [sla]
void load_callbacks(const Tree& tree, Config& config); // [callbacks]
void load_deposits(const Tree& tree, Config& config); // [deposits]
void load_loans(const Tree& tree, Config& config);    // [loans]
void load_privacy(const Tree& tree, Config& config);  // [privacy]
void load_retention(const Tree& tree, Config& config); // [retention]
void load_roster(const Tree& tree, Config& config);   // [roster]
void load_import(const Tree& tree, Config& config);   // [import.profiles.*]

} // namespace svcdesk::config_detail
