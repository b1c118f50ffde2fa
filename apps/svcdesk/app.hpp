#pragma once
// The CLI shell around the library: global options, the command table, lazily opened config and
// database, output formats. Command files declare their subcommands against an App: each with
// its metadata (ops/command.hpp), what it runs, and what completes its options' values.

#include <svcdesk/config/config.hpp>
#include <svcdesk/io/records.hpp>
#include <svcdesk/io/table.hpp>
#include <svcdesk/ops/command.hpp>
#include <svcdesk/ops/identity.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace svcdesk::cli {

struct GlobalOptions {
    std::optional<std::string> db;
    std::optional<std::string> config;
    std::optional<std::string> as;
    std::optional<std::string> format;
    bool quiet = false;
    bool wide = false; // --wide: tables show every cell whole, even on a narrow terminal
};

// One column of a table view over JSON records.
struct Column {
    std::string header;
    std::function<std::string(const Json&)> cell;
    // A column of ids that config names (desk, category, ...): the table shows their display
    // names (issue 23); JSON and CSV keep the ids.
    std::optional<NameKind> names = std::nullopt;
    // How it gives way on a narrow terminal (io/table.hpp): by default it may be cut, never left out.
    ColumnFit fit = {};
};
// `column` with its fit on a narrow terminal.
Column fitted(Column column, ColumnFit fit);
// A column showing record[key] as text (times shortened to local "YYYY-MM-DD HH:MM"); a key
// that holds ids config names (desk, category, class, department, shift, roles) shows their
// display names.
Column field(std::string header, std::string key);
// The kind of ids a record's `key` holds, when config names them.
std::optional<NameKind> names_of(std::string_view key);

// What completes the value of an option or positional in the shell: a kind that `__complete`
// answers from the config or the database (desk, category, class, shift, profile, role, department, staff,
// assignee, ticket, tag), k_file_values, or fixed words (words()).
inline const std::string k_file_values = "@file";
std::string words(std::span<const std::string_view> choices);

// Makes `opt` a count such as --limit: a whole number from 1 to k_max_count, else exit 2 naming
// the value (CLI11 would wrap -1 into a huge unsigned number). Returns `opt`.
inline constexpr long long k_max_count = 1000000;
inline constexpr const char* k_max_count_text = "1,000,000"; // (parse errors mask runs of 7 digits)
CLI::Option* count_option(CLI::Option* opt);

// --mode OCTAL beside a file option: the written file's permissions (default: the replaced
// file's own, else 0600; io/output_file.hpp). file_mode() parses it (exit 2 when malformed).
CLI::Option* add_mode_option(CLI::App* cmd, std::optional<std::string>& mode);
std::optional<unsigned> file_mode(const std::optional<std::string>& mode);
std::string words(std::initializer_list<std::string_view> choices);

class App {
public:
    GlobalOptions options;

    // Declares `cmd`: what it does with the database and who must act (`info`), what it runs
    // once the command line is parsed (`run`), and checks of its options that need no database
    // (`check`, run before the database is opened, so that a typo opens and creates nothing).
    void command(CLI::App* cmd, CommandInfo info, std::function<void()> run, std::function<void()> check = {});
    // The same, for metadata that depends on the options given (--reveal).
    void command(CLI::App* cmd, std::function<CommandInfo()> info, std::function<void()> run,
                 std::function<void()> check = {});
    // Runs the command chosen on the command line as it declared; false when none was chosen.
    bool dispatch();

    // Declares an option of `cmd` whose value is personal data (an ID number, a phone): "-" reads
    // it from standard input, the option without a value asks on the terminal without echo
    // (`prompt`), and `assign` gets the value before the command's check runs. At most one option
    // of a command may read standard input. Returns the option.
    CLI::Option* secret(CLI::App* cmd, const std::string& name, const std::string& help,
                        std::string prompt, bool required, std::function<void(std::string)> assign);

    // Declares what completes the values of `opt` (see k_file_values); returns `opt`.
    CLI::Option* values(CLI::Option* opt, std::string kind);
    // What was declared for `opt`; empty for free text.
    std::string values_of(const CLI::Option& opt) const;

    const Config& config();
    // --as, else SVCDESK_USER: who the caller says they are; nothing when neither names anyone.
    std::optional<std::string> actor() const;
    // The OS user and login session running svcdesk, and the identity requested.
    const Caller& caller();
    // For login and logout, which establish or end an identity: --as and SVCDESK_USER play no
    // part (call before context()).
    void ignore_requested_identity() { m_ignore_requested = true; }
    // The running command read an input that cannot be read again (a pipe): should its write lose
    // a race on PostgreSQL, it fails (nothing written) rather than run again on an empty input.
    void read_once() { m_read_once = true; }
    // --db, SVCDESK_DB, the config, else the XDG data folder (config/config.hpp). Refuses
    // (Error(internal)) a read location (SVCDESK_READ_DB, database.read_url) that cannot go with
    // it: a SQLite primary has no replica.
    std::string database();
    // The database the running command works on: the replica (database.read_url) for a command
    // that reads one (CommandInfo::reads_replica, decided in dispatch()), else the primary.
    Store& store();
    // `init`: the database created (a sandbox when asked) or migrated.
    Store& init_store(bool sandbox);
    // The store, the trusted clock and the proven actor (ops/identity.hpp); refuses (exit 5)
    // an identity requested but not proven and SVCDESK_NOW on a production database.
    Context& context();
    // How context() proved who acts.
    const IdentityCheck& identity();
    Timestamp now();

    // The output format asked for, checked against what the command supports (first = default).
    std::string format(std::initializer_list<std::string_view> allowed);
    bool color() const; // stdout is a terminal and NO_COLOR is unset
    // How tables are laid out: bold headers with color(), fitted to the terminal's width unless
    // --wide or standard output is no terminal.
    TableLayout table_layout() const;
    // `cell` (one id, or several comma-separated) by its display names.
    std::string display(NameKind kind, const std::string& cell);

    // Prints a list of records as a table (the given columns), CSV (every key) or JSON array.
    void print_list(const Json& records, const std::vector<Column>& columns);
    // Prints one record: JSON object, or "key: value" lines.
    void print_record(const Json& record);
    // A message for people (suppressed by --quiet), on stdout.
    void say(const std::string& text);

private:
    struct Command {
        std::function<CommandInfo()> info;
        std::function<void()> run, check;
    };
    struct Secret {
        CLI::Option* option = nullptr;
        std::string value, prompt;
        std::function<void(std::string)> assign;
    };
    // The values of the chosen command's secret options, read where they come from.
    void resolve_secrets();
    Store& primary();
    // Where store()'s refusals of identity and clock are recorded: the primary, when store() is
    // the replica (ops/identity.hpp).
    AuditStore audit_store();

    std::optional<Command> m_chosen;
    std::vector<std::unique_ptr<Secret>> m_secrets; // stable addresses: CLI11 writes the values
    std::map<const CLI::Option*, std::string> m_values;
    std::optional<Config> m_config;
    std::unique_ptr<Store> m_store;   // the primary
    std::unique_ptr<Store> m_replica; // database.read_url, opened for a command that reads it
    bool m_reads_replica = false;
    std::optional<Context> m_context;
    std::optional<Timestamp> m_now;
    std::optional<Caller> m_caller;
    std::optional<IdentityCheck> m_identity;
    bool m_ignore_requested = false;
    bool m_read_once = false;
};

// Registers the subcommands of each command group.
void register_ticket_commands(CLI::App& cli, App& app);
void register_staff_commands(CLI::App& cli, App& app);
void register_callback_commands(CLI::App& cli, App& app);
void register_deposit_commands(CLI::App& cli, App& app);
void register_loan_commands(CLI::App& cli, App& app);
void register_customer_commands(CLI::App& cli, App& app);
void register_retention_commands(CLI::App& cli, App& app);
void register_forget_command(CLI::App* customer, App& app); // customer forget (cmd_retention.cpp)
void register_roster_commands(CLI::App& cli, App& app);
void register_db_commands(CLI::App& cli, App& app);
void register_report_commands(CLI::App& cli, App& app);
void register_import_commands(CLI::App& cli, App& app);
void register_config_commands(CLI::App& cli, App& app);
void register_completion_commands(CLI::App& cli, App& app); // last: it walks the others

void register_auth_commands(CLI::App& cli, App& app);
// Puts the help of every command and option (descriptions, footers, groups, CLI11's labels) in
// the user's language (help_text.cpp); called once the command table is complete. xgettext
// collects the texts through keywords (po/extract.sh).
void translate_help(CLI::App& root);

// Whether svcdesk runs setgid (or setuid). Then, like sudo's environment reset, it drops the
// variables that could point it elsewhere or fake the clock (SVCDESK_DB, SVCDESK_READ_DB,
// SVCDESK_CONFIG, SVCDESK_NOW, XDG_CONFIG_HOME, XDG_DATA_HOME, HOME, TZ, TZDIR), refuses --db and
// --config, and reads only the system configuration and the databases it names
// (docs/deployment.md).
bool privileged();

// A PIN typed by a person (login, staff pin): asked on the terminal without echo, or one line of
// standard input with --pin-stdin (secret_input.hpp); redacted from every error message.
std::string read_pin(std::string_view prompt, bool from_stdin);

// Runs the whole program; returns the exit status.
int run(int argc, char** argv);

// Options structs live as long as the parser; this keeps them alive without globals.
template <typename T>
std::shared_ptr<T> make_options() {
    return std::make_shared<T>();
}

// Text shown for a JSON value in a table or a CSV cell; `for_people` (tables) says yes and no in
// the user's language, CSV keeps "yes" and "no".
std::string cell_text(const Json& value, bool for_people = false);

} // namespace svcdesk::cli
