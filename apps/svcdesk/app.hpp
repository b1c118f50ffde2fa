#pragma once
// The CLI shell around the library: global options, lazily opened config and database,
// output formats. Command files register their subcommands against an App.

#include <svcdesk/config/config.hpp>
#include <svcdesk/io/table.hpp>
#include <svcdesk/ops/context.hpp>
#include <svcdesk/store/store.hpp>

#include <CLI/CLI.hpp>
#include <svcdesk/io/records.hpp>

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

namespace svcdesk::cli {

struct GlobalOptions {
    std::optional<std::string> db;
    std::optional<std::string> config;
    std::optional<std::string> as;
    std::optional<std::string> format;
    bool quiet = false;
};

// One column of a table view over JSON records.
struct Column {
    std::string header;
    std::function<std::string(const Json&)> cell;
};
// A column showing record[key] as text (times shortened to local "YYYY-MM-DD HH:MM").
Column field(std::string header, std::string key);

class App {
public:
    GlobalOptions options;
    // The command chosen on the command line; set by a CLI11 callback, run after parsing.
    std::function<void()> action;

    const Config& config();
    Store& store();
    Context& context();
    Timestamp now();

    // The output format asked for, checked against what the command supports (first = default).
    std::string format(std::initializer_list<std::string_view> allowed);
    bool color() const; // stdout is a terminal and NO_COLOR is unset

    // Prints a list of records as a table (the given columns), CSV (every key) or JSON array.
    void print_list(const Json& records, const std::vector<Column>& columns);
    // Prints one record: JSON object, or "key: value" lines.
    void print_record(const Json& record);
    // A message for people (suppressed by --quiet), on stdout.
    void say(const std::string& text);

private:
    std::optional<Config> m_config;
    std::unique_ptr<Store> m_store;
    std::optional<Context> m_context;
    std::optional<Timestamp> m_now;
};

// Path of the database: --db, SVCDESK_DB, [database] path, else $XDG_DATA_HOME/svcdesk/svcdesk.db.
std::string database_path(const GlobalOptions& options, const Config& config);

// Registers the subcommands of each command group.
void register_ticket_commands(CLI::App& cli, App& app);
void register_staff_commands(CLI::App& cli, App& app);
void register_callback_commands(CLI::App& cli, App& app);
void register_deposit_commands(CLI::App& cli, App& app);
void register_roster_commands(CLI::App& cli, App& app);
void register_db_commands(CLI::App& cli, App& app);
void register_report_commands(CLI::App& cli, App& app);
void register_import_commands(CLI::App& cli, App& app);
void register_config_commands(CLI::App& cli, App& app);
void register_completion_commands(CLI::App& cli, App& app); // last: it walks the others

// Runs the whole program; returns the exit status.
int run(int argc, char** argv);

// Options structs live as long as the parser; this keeps them alive without globals.
template <typename T>
std::shared_ptr<T> make_options() {
    return std::make_shared<T>();
}

// Text shown for JSON values in tables.
std::string cell_text(const Json& value);

} // namespace svcdesk::cli
