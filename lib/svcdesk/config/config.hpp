#pragma once
// The typed configuration of a site, loaded from TOML layers (see load_config).

#include <svcdesk/config/import_profile.hpp>
#include <svcdesk/domain/calendar.hpp>
#include <svcdesk/domain/callback.hpp>
#include <svcdesk/domain/customer.hpp>
#include <svcdesk/domain/deposit.hpp>
#include <svcdesk/domain/loan.hpp>
#include <svcdesk/domain/retention.hpp>
#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/domain/roster.hpp>
#include <svcdesk/domain/sla.hpp>
#include <svcdesk/time.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// What people see for an id named in config: `name` (the site's language, Chinese at the
// reference site) and `name_en` for the English interface; either may be empty.
struct DisplayName {
    std::string name, name_en;
};

// The things named in config whose ids tables and reports show by their display names.
// desk ... role: named in config; status ... root_cause: svcdesk's own ids, in the catalogue.
enum class NameKind { desk, category, complaint_class, department, shift, role, status, channel, priority, root_cause };

struct Desk {
    std::string id;
    std::string name;
    std::string name_en;
};

// A hospital department a ticket can be handed to (转办, seed 000 §五.1), and whom it reaches there.
struct Department {
    std::string id;
    std::string name;
    std::string name_en;
    std::string contact; // a person, an extension: how the desk reaches the department
};

struct Category {
    std::string id;
    std::string name;
    std::string name_en;
    std::vector<std::string> classes; // complaint classes; empty for most categories
    std::map<std::string, DisplayName> class_names; // classes given as {id, name, name_en}
    bool paid = false;
};

// Length limits on free text, in characters (code points).
struct Limits {
    size_t customer = 100;
    size_t subject = 200;
    size_t description = 10000;
    size_t note = 4000;
    size_t external_ref = 100;
    TimeWindow years; // [limits] first_year, last_year: the times svcdesk accepts and stores
};

struct Config {
    std::vector<std::string> sources; // files merged, lowest precedence first ("<built-in>" first)

    std::string site_name;
    std::string time_zone = "Asia/Shanghai";
    Zone zone = nullptr;
    std::string default_desk;
    // [site] default_country: the country of phone numbers typed without a country prefix.
    std::string default_country = "CN";
    std::vector<Desk> desks;
    std::vector<Category> categories;
    std::vector<Department> departments; // [[departments]]
    std::map<std::string, DisplayName> role_names; // [roles.<role>] name, name_en
    // [tickets] uncancel_days: how long a supervisor may undo a cancel (reopen a cancelled
    // ticket); 0: never.
    int uncancel_days = 7;
    EscalationPolicy escalation; // [escalation]
    RiskPolicy customers;        // [customers] risk_complaints, risk_days: who is at risk
    // [reports] complaint_categories: the categories whose tickets count as complaints in the
    // complaint analysis and the appraisal figures (seed 000 §五.4, seed 002 §六).
    std::vector<std::string> complaint_categories;
    WorkCalendar calendar;
    SlaPolicy sla;
    RosterConfig roster; // [roster]: shifts, coverage minimums
    Limits limits;
    CallbackPolicy callbacks; // [callbacks]
    DepositPolicy deposits; // [deposits]
    LoanPolicy loans;       // [loans.DESK.KIND]
    PrivacyPolicy privacy;  // [privacy]: ID number patterns, ID numbers in free text
    RetentionPolicy retention; // [retention]: how long personal data is kept after the service
    std::map<std::string, ImportProfile> import_profiles; // [import.profiles.<name>]

    std::optional<std::string> database_path;
    // [database] read_url: a streaming replica of the PostgreSQL primary that read-only commands
    // read (issue 22; ops/command.hpp says which).
    std::optional<std::string> database_read_url;
    int busy_timeout_ms = 30000;
    int session_hours = 12; // [auth] session_hours: the longest a PIN session lasts

    const Desk* find_desk(std::string_view id) const;
    const Category* find_category(std::string_view id) const;
    bool is_complaint(std::string_view category) const;
    // Each throws Error(invalid) naming the known values when `id` is not configured.
    const Desk& desk(std::string_view id) const;
    const Category& category(std::string_view id) const;
    // A department by its id or its name (放射科); Error(invalid) naming the configured ones.
    const Department& department(std::string_view id_or_name) const;
    // What people see for `id` in the language of the messages (name_en in English, name in
    // Chinese, the other one when one is missing), `id` itself when config names it not. A
    // complaint class is "category.class", or a category alone.
    std::string display_name(NameKind kind, std::string_view id) const;
};

// Whether messages are shown in Chinese: the message locale (LANGUAGE first, as gettext reads
// it) is a Chinese one. Display names follow it.
bool chinese_messages();

// Where configuration comes from. Empty optionals mean "not given".
struct ConfigSources {
    std::optional<std::string> explicit_file; // --config (must exist)
    std::optional<std::string> env_file;      // SVCDESK_CONFIG (must exist)
    std::vector<std::string> optional_files;  // /etc, XDG: merged when present
};

// The standard lookup of SPEC: /etc/svcdesk/config.toml, $XDG_CONFIG_HOME/svcdesk/config.toml,
// SVCDESK_CONFIG, then the --config file given (if any).
ConfigSources default_config_sources(std::optional<std::string> explicit_file);

// Merges the built-in configuration with every layer present and validates the result.
// Throws Error(internal) as "FILE:LINE: key: problem" for a bad file or value.
Config load_config(const ConfigSources& sources);

// Parses one TOML text on top of the built-in configuration (used by tests and `config check`).
// Stricter than load_config: a key that svcdesk does not know (a typo) is an error too.
Config load_config_text(std::string_view toml_text, std::string_view source_name);

std::string_view builtin_config_text();

// The database to use: `given` (--db) unless empty, then SVCDESK_DB, the config's [database]
// path, else $XDG_DATA_HOME/svcdesk/svcdesk.db (~/.local/share/... without XDG_DATA_HOME), whose
// folder is created private. Throws Error(invalid) when there is no home folder to default to,
// Error(internal) when the folder cannot be created.
std::string database_location(const std::optional<std::string>& given, const Config& config);

// The replica that read-only commands read: SVCDESK_READ_DB unless empty, then the config's
// [database] read_url, but only beside the config's primary (neither `given`, the --db, nor
// SVCDESK_DB names the database: the replica in the config is the config's primary's); nullopt
// when there is none. Whether it fits the primary is check_read_location's business
// (ops/database.hpp).
std::optional<std::string> read_database_location(const std::optional<std::string>& given, const Config& config);

} // namespace svcdesk
