#include "app.hpp"

#include <svcdesk/i18n.hpp>

namespace svcdesk::cli {

namespace {

// CLI11's own words in its help pages (Formatter labels, option value types), and the help
// flag's description that CLI11 gives every command.
constexpr const char* k_cli11_labels[] = {
    N_("Usage"),    N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("Positionals"),
    N_("REQUIRED"), N_("Env"),     N_("Needs"),      N_("Excludes"),    N_("TEXT"),
    N_("INT"),      N_("UINT"),    N_("FLOAT"),      N_("N"),           N_("BOOLEAN"),
    N_("[TEXT|-]"), N_("[TEXT|-] REQUIRED"),
};
constexpr const char* k_cli11_texts[] = {
    N_("Print this help message and exit"), N_("Display program version information and exit"),
    N_("Options"), N_("Subcommands"),
};

std::string translated(const std::string& text) { return text.empty() ? text : _(text.c_str()); }

void translate_command(CLI::App& cmd) {
    cmd.description(translated(cmd.get_description()));
    cmd.footer(translated(cmd.get_footer()));
    if (!cmd.get_group().empty()) cmd.group(translated(cmd.get_group()));
    for (auto* opt : cmd.get_options()) {
        opt->description(translated(opt->get_description()));
        if (!opt->get_group().empty()) opt->group(translated(opt->get_group()));
        auto text = opt->get_option_text();
        if (!text.empty()) opt->option_text(translated(text));
    }
    for (auto* sub : cmd.get_subcommands([](const CLI::App*) { return true; })) translate_command(*sub);
}

} // namespace

void translate_help(CLI::App& root) {
    auto formatter = root.get_formatter();
    for (const char* label : k_cli11_labels) formatter->label(label, _(label));
    (void)k_cli11_texts; // (marked for xgettext; translated through the walk below)
    translate_command(root);
}

} // namespace svcdesk::cli
