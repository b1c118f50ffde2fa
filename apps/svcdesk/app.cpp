#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/text.hpp>
#include <svcdesk/version.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>
#include <vector>

namespace svcdesk::cli {

std::string cell_text(const Json& value) {
    if (value.is_null()) return "";
    if (value.is_string()) {
        const auto& s = value.get_ref<const std::string&>();
        // ISO times are shown as local wall-clock minutes in tables.
        if (s.size() == 25 && s[4] == '-' && s[10] == 'T' && s[19] != 'Z') return s.substr(0, 10) + " " + s.substr(11, 5);
        return s;
    }
    if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
    if (value.is_array()) {
        std::string out;
        for (const auto& v : value) out += (out.empty() ? "" : ",") + cell_text(v);
        return out;
    }
    return value.dump();
}

Column field(std::string header, std::string key) {
    return {std::move(header), [key](const Json& r) { return cell_text(r.value(key, Json())); }};
}

const Config& App::config() {
    if (!m_config) m_config = load_config(default_config_sources(options.config));
    return *m_config;
}

std::string database_path(const GlobalOptions& options, const Config& config) {
    if (options.db && !options.db->empty()) return *options.db;
    if (const char* env = std::getenv("SVCDESK_DB"); env && *env) return env;
    if (config.database_path) return *config.database_path;
    std::filesystem::path dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) dir = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home) dir = std::filesystem::path(home) / ".local/share";
    else fail(Code::invalid, "no database given: use --db PATH or set SVCDESK_DB");
    dir /= "svcdesk";
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) fail(Code::internal, "cannot create {}: {}", dir.string(), ec.message());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    return (dir / "svcdesk.db").string();
}

Store& App::store() {
    if (!m_store) {
        StoreOptions store_options;
        store_options.location = database_path(options, config());
        store_options.busy_timeout_ms = config().busy_timeout_ms;
        m_store = open_store(store_options);
    }
    return *m_store;
}

Timestamp App::now() {
    if (!m_now) m_now = current_time(config().zone);
    return *m_now;
}

Context& App::context() {
    if (!m_context) {
        std::optional<std::string> actor = options.as;
        if (!actor) {
            if (const char* env = std::getenv("SVCDESK_USER"); env && *env) actor = env;
        }
        m_context.emplace(Context{config(), store(), now(), actor});
    }
    return *m_context;
}

std::string App::format(std::initializer_list<std::string_view> allowed) {
    if (!options.format) return std::string(*allowed.begin());
    for (auto f : allowed) {
        if (*options.format == f) return *options.format;
    }
    std::string list;
    for (auto f : allowed) list += (list.empty() ? "" : ", ") + std::string(f);
    fail(Code::invalid, "--format {} is not available here (use one of: {})", *options.format, list);
}

bool App::color() const {
    const char* no_color = std::getenv("NO_COLOR");
    return ::isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

void App::print_list(const Json& records, const std::vector<Column>& columns) {
    auto fmt_name = format({"table", "json", "csv"});
    if (fmt_name == "json") {
        std::cout << records.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        return;
    }
    if (fmt_name == "csv") {
        std::vector<std::string> keys;
        if (!records.empty()) {
            for (const auto& [k, v] : records.front().items()) keys.push_back(k);
        }
        std::cout << csv_line(keys);
        for (const auto& r : records) {
            std::vector<std::string> cells;
            for (const auto& k : keys) {
                const auto& v = r.at(k);
                cells.push_back(v.is_string() ? v.get<std::string>() : (v.is_null() ? "" : cell_text(v)));
            }
            std::cout << csv_line(cells);
        }
        return;
    }
    std::vector<std::string> headers;
    for (const auto& c : columns) headers.push_back(c.header);
    Table table(headers);
    for (const auto& r : records) {
        std::vector<std::string> cells;
        for (const auto& c : columns) cells.push_back(c.cell(r));
        table.add_row(std::move(cells));
    }
    std::cout << table.render(color());
    if (records.empty() && !options.quiet) std::cout << "(none)\n";
}

void App::print_record(const Json& record) {
    auto fmt_name = format({"table", "json", "csv"});
    if (fmt_name == "json") {
        std::cout << record.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        return;
    }
    if (fmt_name == "csv") {
        print_list(Json::array({record}), {});
        return;
    }
    Table table({"field", "value"});
    for (const auto& [k, v] : record.items()) {
        if (v.is_array() && !v.empty() && v.front().is_object()) continue; // nested lists: caller prints
        table.add_row({k, cell_text(v)});
    }
    auto text = table.render();
    std::cout << text.substr(text.find('\n') + 1); // key: value lines need no header
}

void App::say(const std::string& text) {
    if (!options.quiet) std::cout << text << '\n';
}

namespace {

// Values given to these options are personal data that an error message must never echo.
std::vector<std::string> g_secrets;

void collect_secrets(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        for (std::string_view flag : {"--id-number", "--proxy-id-number", "--phone"}) {
            if (arg == flag && i + 1 < argc && *argv[i + 1]) g_secrets.emplace_back(argv[i + 1]);
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

} // namespace

int run(int argc, char** argv) {
    App app;
    CLI::App cli{"svcdesk — service tickets, callbacks, left-luggage deposits and the staff roster", "svcdesk"};
    cli.fallthrough();           // global options may follow the command name
    cli.require_subcommand(1);
    cli.set_version_flag("--version", fmt::format("svcdesk {} (schema version {}; backends: sqlite, postgresql)", k_version,
                                                  current_schema_version()));
    cli.add_option("--db", app.options.db,
                   "Database: SQLite file or postgresql:// URL (default $SVCDESK_DB, then XDG data dir)");
    cli.add_option("--config", app.options.config, "Config file layered over the built-in one (default $SVCDESK_CONFIG)");
    cli.add_option("--as", app.options.as, "Staff id acting (default $SVCDESK_USER)");
    cli.add_option("--format", app.options.format, "Output format: table, json, csv (reports: md, html too)");
    cli.add_flag("-q,--quiet", app.options.quiet, "Print only what scripts need");

    register_ticket_commands(cli, app);
    register_staff_commands(cli, app);
    register_callback_commands(cli, app);
    register_deposit_commands(cli, app);
    register_roster_commands(cli, app);
    register_db_commands(cli, app);
    register_report_commands(cli, app);
    register_import_commands(cli, app);
    register_config_commands(cli, app);
    register_completion_commands(cli, app);

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
        print_error(e.what(), true);
        return static_cast<int>(Code::invalid);
    }

    try {
        if (!app.action) fail(Code::invalid, "no command given; see svcdesk --help");
        app.action();
        std::cout.flush();
        if (!std::cout) fail(Code::internal, "cannot write to standard output");
        return 0;
    } catch (const Error& e) {
        print_error(e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        print_error(std::string("internal error: ") + e.what());
        return static_cast<int>(Code::internal);
    }
}

} // namespace svcdesk::cli
