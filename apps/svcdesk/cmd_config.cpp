// Config commands: show the effective configuration with the origin of every value, and check
// a file before installing it.
#include "app.hpp"

#include <svcdesk/config/describe.hpp>
#include <svcdesk/error.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace svcdesk::cli {
namespace {

void show_config(App& app) {
    app.config(); // every layer is validated first: a bad value fails with its FILE:LINE
    auto fmt_name = app.format({"table", "json", "csv"});
    auto entries = describe_config(default_config_sources(app.options.config));
    if (fmt_name == "table") {
        // ccache --show-config style: "(origin) key = value".
        for (const auto& e : entries) {
            std::string origin = e.origin == "built-in" ? e.origin : fmt::format("{} {}:{}", e.origin, e.file, e.line);
            std::cout << "(" << origin << ") " << e.key << " = " << e.value << '\n';
        }
        return;
    }
    Json records = Json::array();
    for (const auto& e : entries) {
        records.push_back(Json{{"key", e.key}, {"value", e.value}, {"origin", e.origin}, {"file", e.file}, {"line", e.line}});
    }
    app.print_list(records, {});
}

void check_config(App& app, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(Code::internal, "{}: cannot read config file", path);
    std::ostringstream text;
    text << in.rdbuf();
    auto config = load_config_text(text.str(), path); // throws "FILE:LINE: key: problem"
    // A calendar about to run out fails the check (seed 000 §五.2 counts working days); the
    // clock is the system's, or SVCDESK_NOW: no database is involved.
    auto now = clock_override(config.zone).value_or(system_now());
    if (auto warning = calendar_end_warning(config.calendar, local_day(now, config.zone))) {
        fail(Code::internal, "{}: {}", path, *warning);
    }
    app.say(format_message("{}: ok", path));
}

} // namespace

void register_config_commands(CLI::App& cli, App& app) {
    auto* group = cli.add_subcommand("config", "Show or check the configuration");
    group->require_subcommand(1);
    {
        auto* cmd = group->add_subcommand("show", "The effective configuration, each value with the layer it came from");
        cmd->footer("Example: svcdesk --config site.toml config show --format json");
        app.command(cmd, {Access::none}, [&app] { show_config(app); });
    }
    {
        auto file = std::make_shared<std::string>();
        auto* cmd = group->add_subcommand("check", "Check a config file layered over the built-in one (errors as FILE:LINE)");
        app.values(cmd->add_option("file", *file, "TOML file to check"), k_file_values)->required();
        cmd->footer("Example: svcdesk config check /etc/svcdesk/config.toml.new && mv /etc/svcdesk/config.toml.new /etc/svcdesk/config.toml");
        app.command(cmd, {Access::none}, [&app, file] { check_config(app, *file); });
    }
}

} // namespace svcdesk::cli
