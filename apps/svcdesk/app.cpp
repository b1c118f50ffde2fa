#include "app.hpp"
#include "cli_errors.hpp"
#include "output.hpp"
#include "secret_input.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/io/output_file.hpp>
#include <svcdesk/ops/database.hpp>
#include <svcdesk/text.hpp>
#include <svcdesk/version.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <pwd.h>
#include <sys/auxv.h>
#include <unistd.h>
#include <vector>

namespace svcdesk::cli {

const Config& App::config() {
    if (!m_config) m_config = load_config(default_config_sources(options.config));
    return *m_config;
}

std::string App::database() {
    if (privileged() && !config().database_path) {
        fail(Code::internal, "svcdesk runs setgid and uses only the system's database: set [database] path (or url) "
                             "in /etc/svcdesk/config.toml");
    }
    auto location = database_location(options.db, config());
    // A read location that cannot go with this database fails every command that opens it, not
    // only those that would read the replica: a misconfiguration shows at once.
    if (auto read = read_database_location(options.db, config())) check_read_location(location, *read);
    return location;
}

Store& App::primary() {
    if (!m_store) m_store = open_database(config(), database(), false);
    return *m_store;
}

Store& App::store() {
    if (!m_reads_replica) return primary();
    if (!m_replica) m_replica = open_replica(config(), database(), *read_database_location(options.db, config()));
    return *m_replica;
}

AuditStore App::audit_store() {
    if (!m_reads_replica) return {};
    return [this]() -> Store& { return primary(); };
}

CLI::Option* count_option(CLI::Option* opt) {
    return opt->check(CLI::Validator(
        [](std::string& value) -> std::string {
            long long n = 0;
            auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec == std::errc() && end == value.data() + value.size() && n >= 1 && n <= k_max_count) return {};
            return format_message("'{}' is not a whole number from 1 to {}", value, k_max_count_text);
        },
        "N"));
}

CLI::Option* add_mode_option(CLI::App* cmd, std::optional<std::string>& mode) {
    return cmd->add_option("--mode", mode,
                           "Permissions of the file written, such as 0640 (default: the replaced file's, else 0600)");
}

std::optional<unsigned> file_mode(const std::optional<std::string>& mode) {
    if (!mode) return std::nullopt;
    return parse_file_mode(*mode);
}

bool privileged() { return ::getauxval(AT_SECURE) != 0; }

Store& App::init_store(bool sandbox) {
    if (!m_store) m_store = init_database(config(), database(), sandbox);
    return *m_store;
}

const Caller& App::caller() {
    if (!m_caller) m_caller = current_caller(m_ignore_requested ? std::nullopt : actor());
    return *m_caller;
}

const IdentityCheck& App::identity() {
    if (!m_identity) m_identity = prove_identity(store(), now(), caller(), audit_store());
    return *m_identity;
}

namespace {

// The user's cache folder: XDG_CACHE_HOME, else ~/.cache (HOME, else the password database: a
// setgid svcdesk runs without HOME).
std::filesystem::path cache_folder() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return xdg;
    if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache";
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir) return std::filesystem::path(pw->pw_dir) / ".cache";
    return {};
}

// Warns on standard error, once a day for each OS user (a stamp in the cache folder), when the
// working calendar runs out within k_calendar_warning_days (domain/calendar.hpp).
void warn_calendar_end(const Config& config, Timestamp now) {
    auto today = local_day(now, config.zone);
    auto warning = calendar_end_warning(config.calendar, today);
    if (!warning) return;
    auto folder = cache_folder();
    auto stamp = folder.empty() ? folder : folder / "svcdesk" / "calendar-warned";
    auto day = format_day(today);
    if (!stamp.empty()) {
        std::string last;
        std::ifstream in(stamp);
        if (std::getline(in, last) && last == day) return;
    }
    std::cerr << "svcdesk: warning: " << *warning << '\n'; // (the prefix stays English: scripts match it)
    if (stamp.empty()) return;
    std::error_code ignored; // a read-only home only means the warning comes again
    std::filesystem::create_directories(stamp.parent_path(), ignored);
    std::ofstream(stamp) << day << '\n';
}

} // namespace

Timestamp App::now() {
    if (!m_now) {
        m_now = trusted_now(store(), config().zone, caller(), audit_store());
        warn_calendar_end(config(), *m_now);
    }
    return *m_now;
}

std::optional<std::string> App::actor() const {
    if (options.as) return options.as;
    if (const char* env = std::getenv("SVCDESK_USER"); env && *env) return env;
    return std::nullopt;
}

Context& App::context() {
    if (!m_context) {
        const auto& check = identity();
        m_context.emplace(Context{config(), store(), now(),
                                  check.identity ? std::optional(check.identity->staff.id) : std::nullopt});
        if (check.identity) m_context->proof = check.identity->proof;
        m_context->no_identity = check.missing;
        m_context->os_user = caller().os_user;
    }
    return *m_context;
}

void App::command(CLI::App* cmd, CommandInfo info, std::function<void()> run, std::function<void()> check) {
    command(cmd, [info] { return info; }, std::move(run), std::move(check));
}

void App::command(CLI::App* cmd, std::function<CommandInfo()> info, std::function<void()> run,
                  std::function<void()> check) {
    // CLI11 calls this once the command line is parsed; the command itself runs in dispatch(),
    // inside main's one try block.
    cmd->callback([this, c = Command{std::move(info), std::move(run), std::move(check)}] { m_chosen = c; });
}

CLI::Option* App::secret(CLI::App* cmd, const std::string& name, const std::string& help,
                         std::string prompt, bool required,
                         std::function<void(std::string)> assign) {
    auto& s = *m_secrets.emplace_back(std::make_unique<Secret>());
    s.prompt = _(prompt.c_str());
    s.assign = std::move(assign);
    // Without a value the option gets k_ask_value (CLI11 gives the "default" to an option whose
    // value is optional), which an empty value ("") given on purpose is not.
    s.option =
        cmd->add_option(name, s.value,
                        format_message("{}; - reads it from standard input, no value asks", _(help.c_str())))
            ->expected(0, 1)
            ->default_str(std::string(k_ask_value))
            ->option_text(required ? N_("[TEXT|-] REQUIRED") : N_("[TEXT|-]"))
            ->required(required);
    return s.option;
}

void App::resolve_secrets() {
    std::vector<Secret*> given;
    std::vector<std::string> from_stdin;
    for (auto& s : m_secrets) {
        if (s->option->count() == 0) continue;
        given.push_back(s.get());
        if (s->value == "-") from_stdin.push_back(s->option->get_name());
    }
    if (from_stdin.size() > 1) {
        fail(
            Code::invalid,
            "{} and {} both read standard input ('-'); only one option can: give the other with no "
            "value to be asked on the terminal",
            from_stdin[0], from_stdin[1]);
    }
    for (auto* s : given) {
        std::string value = s->value;
        auto name = s->option->get_name();
        if (value == "-")
            value = read_secret_line(name, s->prompt);
        else if (value == k_ask_value)
            value = ask_secret(name, s->prompt);
        else {
            s->assign(std::move(value));
            continue;
        }
        remember_secret(value);
        s->assign(std::move(value));
    }
}

bool App::dispatch() {
    if (!m_chosen) return false;
    resolve_secrets();
    if (m_chosen->check) m_chosen->check();
    auto info = m_chosen->info();
    if (info.access == Access::none || info.access == Access::own) {
        m_chosen->run();
        return true;
    }
    // Decided once, from what the command declared, before anything opens a database.
    m_reads_replica = info.reads_replica() && read_database_location(options.db, config()).has_value();
    // Output waits for the commit, and for the central actor check (run_command).
    HeldOutput held(std::cout, info.writes() || info.actor != Actor::anyone);
    // A write run again (Store::write) prints only what its last run printed.
    run_command(context(), info, m_chosen->run, [this, &held] { return held.discard() && !m_read_once; });
    held.release();
    for (const auto& notice : context().notices) std::cerr << "svcdesk: note: " << notice << '\n';
    return true;
}

CLI::Option* App::values(CLI::Option* opt, std::string kind) {
    m_values[opt] = std::move(kind);
    return opt;
}

std::string App::values_of(const CLI::Option& opt) const {
    auto it = m_values.find(&opt);
    return it == m_values.end() ? std::string() : it->second;
}

namespace {

// Values given to these options are personal data that an error message must never echo.
std::vector<std::string> g_secrets;

void collect_secrets(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        for (std::string_view flag : {"--id-number", "--proxy-id-number", "--phone"}) {
            // (the next argument is another option when the value was left out, to be asked for)
            if (arg == flag && i + 1 < argc && *argv[i + 1] &&
                !std::string_view(argv[i + 1]).starts_with("--"))
                g_secrets.emplace_back(argv[i + 1]);
            else if (arg.starts_with(flag) && arg.size() > flag.size() + 1 && arg[flag.size()] == '=')
                g_secrets.emplace_back(arg.substr(flag.size() + 1));
        }
    }
}

// Replaces every secret value, and in parse errors (which echo raw arguments) every run of 7 or
// more digits, by a masked form.
std::string redact(std::string message, bool mask_digit_runs) {
    for (const auto& secret : g_secrets) {
        if (secret.size() < 4) continue; // too short to be personal, and would garble the message
        for (auto pos = message.find(secret); pos != std::string::npos; pos = message.find(secret, pos + 1)) {
            message.replace(pos, secret.size(), "[redacted]");
        }
    }
    if (!mask_digit_runs) return message;
    auto id_char = [](char c) { return (c >= '0' && c <= '9') || c == 'X' || c == 'x'; };
    std::string out;
    for (size_t i = 0; i < message.size();) {
        size_t j = i;
        while (j < message.size() && id_char(message[j])) ++j;
        if (j - i >= 7) out += mask_phone(message.substr(i, j - i));
        else out.append(message, i, std::max(j - i, size_t{1}));
        i = std::max(j, i + 1);
    }
    return out;
}

void print_error(const std::string& message, bool parse_error = false) {
    std::cerr << "svcdesk: error: " << sanitize_for_terminal(redact(message, parse_error)) << '\n';
}

void reset_environment() {
    for (const char* name : {"SVCDESK_DB", "SVCDESK_READ_DB", "SVCDESK_CONFIG", "SVCDESK_NOW", "XDG_CONFIG_HOME",
                             "XDG_DATA_HOME", "HOME", "TZDIR", "TZ"}) {
        ::unsetenv(name);
    }
}

} // namespace

void remember_secret(std::string value) {
    if (!value.empty()) g_secrets.push_back(std::move(value));
}

int run(int argc, char** argv) {
    if (privileged()) reset_environment();
    App app;
    CLI::App cli{_("svcdesk — service tickets, callbacks, left-luggage deposits and the staff roster"), "svcdesk"};
    cli.fallthrough();           // global options may follow the command name
    cli.require_subcommand(1);
    cli.set_version_flag("--version", format_message("svcdesk {} (schema version {}; backends: sqlite, postgresql)",
                                                     k_version, schema_version_written()));
    app.values(
        cli.add_option(
            "--db", app.options.db,
            "Database: SQLite file or postgresql:// URL (default $SVCDESK_DB, then XDG data dir)"),
        k_file_values);
    app.values(
        cli.add_option("--config", app.options.config,
                       "Config file layered over the built-in one (default $SVCDESK_CONFIG)"),
        k_file_values);
    app.values(cli.add_option("--as", app.options.as, "Staff id acting (default $SVCDESK_USER)"),
               "staff");
    app.values(cli.add_option("--format", app.options.format,
                              "Output format: table, json, csv (reports: md, html too)"),
               words({"table", "json", "csv", "jsonl", "md", "html"}));
    cli.add_flag("-q,--quiet", app.options.quiet, "Print only what scripts need");
    cli.add_flag("--wide", app.options.wide,
                 _("Tables show every cell whole (on a terminal long cells are cut to fit its width)"));

    register_ticket_commands(cli, app);
    register_staff_commands(cli, app);
    register_callback_commands(cli, app);
    register_deposit_commands(cli, app);
    register_loan_commands(cli, app);
    register_customer_commands(cli, app);
    register_retention_commands(cli, app);
    register_roster_commands(cli, app);
    register_db_commands(cli, app);
    register_report_commands(cli, app);
    register_import_commands(cli, app);
    register_config_commands(cli, app);
    register_auth_commands(cli, app);
    register_completion_commands(cli, app);
    translate_help(cli);

    collect_secrets(argc, argv);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(describe_parse_error(cli, e, std::vector<std::string>(argv + 1, argv + argc)), true);
        return static_cast<int>(Code::invalid);
    }

    try {
        if (privileged() && (app.options.db || app.options.config)) {
            fail(Code::permission, "{} cannot be used: svcdesk runs setgid and uses the system's database and "
                                   "configuration (/etc/svcdesk/config.toml)",
                 app.options.db ? "--db" : "--config");
        }
        if (!app.dispatch()) fail(Code::invalid, "no command given; see svcdesk --help");
        std::cout.flush();
        if (!std::cout) fail(Code::internal, "cannot write to standard output");
        return 0;
    } catch (const Error& e) {
        print_error(e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        print_error(format_message("internal error: {}", e.what()));
        return static_cast<int>(Code::internal);
    }
}

} // namespace svcdesk::cli
