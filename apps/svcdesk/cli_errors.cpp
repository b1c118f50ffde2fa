#include "cli_errors.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <regex>

namespace svcdesk::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic programme: two back for a transposition.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string nearest(std::string_view typed, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& c : candidates) {
        auto d = edit_distance(typed, c);
        if (d < best_distance) best_distance = d, best = c;
    }
    // Near enough: at most two edits that leave most of the word, or the start of a longer name.
    auto bare = typed.substr(typed.find_first_not_of('-') == std::string_view::npos ? 0 : typed.find_first_not_of('-'));
    if (best_distance <= 2 && best_distance * 2 <= bare.size()) return best;
    for (const auto& c : candidates) {
        if (bare.size() >= 2 && c.starts_with(typed)) return c;
    }
    return {};
}

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> out;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        out.push_back(sub->get_name());
        for (const auto& alias : sub->get_aliases()) out.push_back(alias);
    }
    return out;
}

// The options `chain` accepts at its end: its own and its parents' (fallthrough).
std::vector<std::string> option_names(const std::vector<const CLI::App*>& chain) {
    std::vector<std::string> out;
    for (const auto* app : chain) {
        for (const auto* opt : app->get_options()) {
            for (const auto& name : opt->get_lnames()) out.push_back("--" + name);
            for (const auto& name : opt->get_snames()) out.push_back("-" + name);
        }
    }
    return out;
}

const CLI::Option* find_option(const std::vector<const CLI::App*>& chain, const std::string& name) {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (const auto* opt = (*it)->get_option_no_throw(name); opt && !opt->get_positional()) return opt;
    }
    return nullptr;
}

// "svcdesk db check": the command a chain of parsers names.
std::string path_of(const std::vector<const CLI::App*>& chain) {
    std::string out = "svcdesk";
    for (std::size_t i = 1; i < chain.size(); ++i) out += " " + chain[i]->get_name();
    return out;
}

std::string command_of(const std::vector<const CLI::App*>& chain) {
    std::string out;
    for (std::size_t i = 1; i < chain.size(); ++i) out += (out.empty() ? "" : " ") + chain[i]->get_name();
    return out;
}

bool has_positionals(const CLI::App& app) {
    return !app.get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
}

struct Walk {
    std::vector<const CLI::App*> chain;
    std::optional<std::string> mistake;
};

// Follows `args` through the parsers as CLI11 would, stopping at the first unknown command or
// option.
Walk walk(const CLI::App& root, const std::vector<std::string>& args) {
    Walk w{{&root}, std::nullopt};
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--") break;
        const CLI::App& current = *w.chain.back();
        bool is_option = arg.size() > 1 && arg[0] == '-' && !(arg[1] >= '0' && arg[1] <= '9');
        if (!is_option) {
            bool wants_command = !command_names(current).empty() && !has_positionals(current);
            if (!wants_command) continue; // a positional value
            auto subs = current.get_subcommands([&arg](const CLI::App* a) { return a->check_name(arg); });
            if (!subs.empty()) {
                w.chain.push_back(subs.front());
                continue;
            }
            auto prefix = command_of(w.chain);
            auto typed = (prefix.empty() ? "" : prefix + " ") + arg;
            auto guess = nearest(arg, command_names(current));
            w.mistake = guess.empty()
                            ? format_message("unknown command '{}' (see: {} --help)", typed, path_of(w.chain))
                            : format_message("unknown command '{}'; did you mean '{}'?", typed,
                                          (prefix.empty() ? "" : prefix + " ") + guess);
            return w;
        }
        auto eq = arg.find('=');
        std::string name = arg.substr(0, eq);
        const auto* opt = find_option(w.chain, name);
        if (!opt) {
            auto guess = nearest(name, option_names(w.chain));
            w.mistake = guess.empty() ? format_message("unknown option '{}' (see: {} --help)", name, path_of(w.chain))
                                      : format_message("unknown option '{}'; did you mean '{}'?", name, guess);
            return w;
        }
        int max = opt->get_items_expected_max();
        if (max == 0 || eq != std::string::npos) continue;
        // The values that follow: a required value is taken whatever it looks like (--limit -1);
        // an optional one (--phone, asked for when left out) only when it is no option.
        bool optional_value = opt->get_items_expected_min() == 0;
        for (int taken = 0; taken < max && i + 1 < args.size(); ++taken) {
            const auto& next = args[i + 1];
            bool looks_like_option = next.size() > 1 && next[0] == '-';
            if (looks_like_option && (optional_value || taken > 0)) break;
            ++i;
        }
    }
    return w;
}

std::string lower_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

// CLI11's message in svcdesk's words.
std::string reword(const CLI::ParseError& error, const std::string& command) {
    std::string what = error.what();
    std::smatch m;
    static const std::regex conversion{R"(Could not convert: (\S+) = (.*))"};
    static const std::regex extras{R"(The following arguments? (?:was|were) not expected: (.*))"};
    static const std::regex missing_value{R"((\S+): \d+ required \S+ missing)"};
    static const std::regex excludes{R"((\S+) excludes (\S+))"};
    static const std::regex boolean{R"((\S+): Should be true/false or a number)"};
    static const std::regex flag_value{R"((\S+): too many inputs for a flag)"};
    static const std::regex required{R"((\S+) is required)"};
    static const std::regex requires_other{R"((\S+) requires (\S+))"};
    // (a message that starts with the option's name needs no command before it)
    auto in = command.empty() || what.starts_with("-") ? std::string() : command + ": ";
    if (std::regex_match(what, m, conversion)) return format_message("{}: '{}' is not a number", m[1].str(), m[2].str());
    if (std::regex_match(what, m, extras)) return format_message("{}unexpected argument '{}'", in, m[1].str());
    if (std::regex_match(what, m, missing_value)) return format_message("{} needs a value", m[1].str());
    if (std::regex_match(what, m, excludes))
        return format_message("{} and {} cannot be given together", m[1].str(), m[2].str());
    if (std::regex_match(what, m, boolean)) return format_message("{}: give true or false", m[1].str());
    if (std::regex_match(what, m, flag_value)) return format_message("{} takes no value", m[1].str());
    if (std::regex_match(what, m, required)) return format_message("{} is required", m[1].str());
    if (std::regex_match(what, m, requires_other)) return format_message("{} needs {} as well", m[1].str(), m[2].str());
    return in + lower_first(what); // (CLI11's own English: the cases above cover what svcdesk meets)
}

} // namespace

std::string describe_parse_error(const CLI::App& root, const CLI::ParseError& error,
                                 const std::vector<std::string>& args) {
    auto w = walk(root, args);
    if (w.mistake) return *w.mistake;
    const CLI::App& last = *w.chain.back();
    auto commands = command_names(last);
    if (!commands.empty() && !has_positionals(last)) {
        if (w.chain.size() == 1) return _("no command given (see: svcdesk --help)");
        std::sort(commands.begin(), commands.end());
        return format_message("'{}' needs a command: one of {}", command_of(w.chain), fmt::join(commands, ", "));
    }
    return reword(error, command_of(w.chain));
}

} // namespace svcdesk::cli
