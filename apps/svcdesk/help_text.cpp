#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/text.hpp>

#include <memory>

namespace svcdesk::cli {

namespace {

// CLI11's own words in its help pages: Formatter labels and option value types.
constexpr const char* k_cli11_labels[] = {
    N_("Usage"),    N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("Positionals"),
    N_("REQUIRED"), N_("Env"),     N_("Needs"),      N_("Excludes"),    N_("TEXT"),
    N_("INT"),      N_("UINT"),    N_("FLOAT"),      N_("N"),           N_("BOOLEAN"),
    N_("UINT:N"),   N_("INT:N"),   N_("TEXT:N"),
};
// CLI11's texts that the walk below translates: the help and version flags, the default groups.
constexpr const char* k_cli11_texts[] = {
    N_("Print this help message and exit"), N_("Display program version information and exit"),
    N_("Options"), N_("Subcommands"),
};

// CLI11's layout with the option column padded by display width rather than bytes: a Chinese
// value type (文本) is two columns a character. ASCII help comes out byte for byte as CLI11's.
class Formatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        std::string name = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
        std::string desc = make_option_desc(opt);
        std::size_t width = get_column_width();
        std::size_t used = display_width(name);
        std::string out = name + std::string(used < width ? width - used : 0, ' ');
        if (!desc.empty()) {
            if (used >= width) out += "\n" + std::string(width, ' ');
            for (char c : desc) {
                out += c;
                if (c == '\n') out += std::string(width, ' ');
            }
        }
        return out + "\n";
    }
};

std::string translated(const std::string& text) { return text.empty() ? text : _(text.c_str()); }

void translate_command(CLI::App& cmd, const std::shared_ptr<Formatter>& formatter) {
    cmd.formatter(formatter);
    cmd.description(translated(cmd.get_description()));
    cmd.footer(translated(cmd.get_footer()));
    if (!cmd.get_group().empty()) cmd.group(translated(cmd.get_group()));
    for (auto* opt : cmd.get_options()) {
        opt->description(translated(opt->get_description()));
        if (!opt->get_group().empty()) opt->group(translated(opt->get_group()));
        auto text = opt->get_option_text();
        if (!text.empty()) opt->option_text(translated(text));
    }
    for (auto* sub : cmd.get_subcommands([](const CLI::App*) { return true; })) translate_command(*sub, formatter);
}

} // namespace

void translate_help(CLI::App& root) {
    auto formatter = std::make_shared<Formatter>();
    for (const char* label : k_cli11_labels) formatter->label(label, _(label));
    (void)k_cli11_texts; // (marked for xgettext; translated through the walk below)
    translate_command(root, formatter);
}

} // namespace svcdesk::cli
