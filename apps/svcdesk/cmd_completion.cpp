// Shell completion: `completion bash|zsh` prints a script generated from the CLI11 command tree
// itself and the values each command declared for its options (App::values); the hidden
// `__complete KIND [ARGS]` prints the values that depend on config and data.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/ops/completion.hpp>
#include <svcdesk/ops/database.hpp>

#include <iostream>
#include <map>

namespace svcdesk::cli {
namespace {

bool takes_value(const CLI::Option& opt) { return opt.get_type_size_max() > 0; }

// The command tree flattened for the shell: one entry per command path ("." is the root).
struct Tables {
    std::map<std::string, std::string> subs, opts, args, vals;
};

void collect(const App& app, const CLI::App& cmd, const std::string& path, Tables& t) {
    std::string subs, opts, args;
    for (const auto* sub : cmd.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
        subs += (subs.empty() ? "" : " ") + sub->get_name();
        collect(app, *sub, path == "." ? sub->get_name() : path + " " + sub->get_name(), t);
    }
    for (const auto* opt : cmd.get_options()) {
        if (opt->get_positional() && opt->get_lnames().empty() && opt->get_snames().empty()) {
            auto kind = app.values_of(*opt);
            args += (args.empty() ? "" : " ") + (kind.empty() ? "-" : kind);
            continue;
        }
        std::vector<std::string> names;
        for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
        for (const auto& s : opt->get_snames()) names.push_back("-" + s);
        for (const auto& n : names) {
            opts += (opts.empty() ? "" : " ") + n;
            if (takes_value(*opt)) t.vals[path + "|" + n] = app.values_of(*opt);
        }
    }
    if (!subs.empty()) t.subs[path] = subs;
    if (!opts.empty()) t.opts[path] = opts;
    if (!args.empty()) t.args[path] = args;
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void print_table(std::ostream& out, const std::string& name, const std::map<std::string, std::string>& table,
                 bool zsh) {
    out << "typeset -gA " << name << "\n" << name << "=(\n";
    for (const auto& [k, v] : table) {
        if (zsh) out << "  " << quoted(k) << " " << quoted(v) << "\n";
        else out << "  [" << quoted(k) << "]=" << quoted(v) << "\n";
    }
    out << ")\n";
}

// The shell-neutral part: runs under bash, and under zsh with sh_word_split.
constexpr const char* k_core = R"SH(
# _svcdesk_kind PATH OPTION: true when OPTION takes a value; its kind goes to _svcdesk_k.
_svcdesk_kind() {
  local key="$1|$2"
  [[ -n ${_svcdesk_vals[$key]+x} ]] || key=".|$2"
  [[ -n ${_svcdesk_vals[$key]+x} ]] || return 1
  _svcdesk_k=${_svcdesk_vals[$key]}
}

# _svcdesk_values KIND: candidates for one value, into _svcdesk_reply (one per line).
_svcdesk_values() {
  case $1 in
    ''|-) ;;
    @file) _svcdesk_files=1 ;;
    =*) _svcdesk_reply=${1#=}; _svcdesk_reply=${_svcdesk_reply//,/$'\n'} ;;
    *) _svcdesk_reply=$("$_svcdesk_prog" "${_svcdesk_globals[@]}" __complete "$1" "${_svcdesk_args[@]}" 2>/dev/null) ;;
  esac
}

# _svcdesk_candidates CWORD WORD...: what may stand at word CWORD (0 = the program name).
_svcdesk_candidates() {
  local cword=$1 n=0 w cmdpath=. pending='' kind
  shift
  _svcdesk_prog=$1 _svcdesk_reply='' _svcdesk_files=0 _svcdesk_args=() _svcdesk_globals=()
  for w in "$@"; do
    (( n == cword )) && break
    if (( n > 0 )); then
      if [[ -n $pending ]]; then
        [[ $pending == --db || $pending == --config ]] && _svcdesk_globals+=("$pending" "$w")
        pending=''
      elif [[ $w == -?* ]]; then
        [[ $w != *=* ]] && _svcdesk_kind "$cmdpath" "$w" && pending=$w
      elif (( ${#_svcdesk_args[@]} == 0 )) && [[ " ${_svcdesk_subs[$cmdpath]-} " == *" $w "* ]]; then
        if [[ $cmdpath == . ]]; then cmdpath=$w; else cmdpath="$cmdpath $w"; fi
      else
        _svcdesk_args+=("$w")
      fi
    fi
    n=$((n + 1))
  done
  local cur=${w-}
  (( n == cword )) || cur=''
  if [[ -n $pending ]]; then
    _svcdesk_kind "$cmdpath" "$pending"
    _svcdesk_values "$_svcdesk_k"
  elif [[ $cur == -* ]]; then
    _svcdesk_reply="${_svcdesk_opts[$cmdpath]-}"
    [[ $cmdpath == . ]] || _svcdesk_reply="$_svcdesk_reply ${_svcdesk_opts[.]-}"
    _svcdesk_reply=${_svcdesk_reply// /$'\n'}
  elif (( ${#_svcdesk_args[@]} == 0 )) && [[ -n ${_svcdesk_subs[$cmdpath]-} ]]; then
    _svcdesk_reply=${_svcdesk_subs[$cmdpath]// /$'\n'}
  else
    n=0
    for kind in ${_svcdesk_pos[$cmdpath]-}; do
      if (( n == ${#_svcdesk_args[@]} )); then _svcdesk_values "$kind"; break; fi
      n=$((n + 1))
    done
  fi
}
)SH";

constexpr const char* k_bash = R"SH(
_svcdesk() {
  local cur=${COMP_WORDS[COMP_CWORD]-} IFS=$' \t\n'
  _svcdesk_candidates "$COMP_CWORD" "${COMP_WORDS[@]}"
  if (( _svcdesk_files )); then
    compopt -o filenames 2>/dev/null
    IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    IFS=$'\n'
    COMPREPLY=($(compgen -W "$_svcdesk_reply" -- "$cur"))
  fi
}
complete -o nosort -F _svcdesk svcdesk 2>/dev/null || complete -F _svcdesk svcdesk
)SH";

constexpr const char* k_zsh = R"SH(
_svcdesk() {
  setopt local_options sh_word_split no_ksh_arrays
  _svcdesk_candidates $((CURRENT - 1)) "${words[@]}"
  if (( _svcdesk_files )); then _files; return; fi
  [[ -n $_svcdesk_reply ]] || return 1
  local -a found
  found=("${(@f)_svcdesk_reply}")
  compadd -V svcdesk -- "${found[@]}"
}
if [[ ${funcstack[1]-} == _svcdesk ]]; then _svcdesk "$@"; else compdef _svcdesk svcdesk; fi
)SH";

void print_script(const App& app, const CLI::App& root, const std::string& shell) {
    Tables t;
    collect(app, root, ".", t);
    bool zsh = shell == "zsh";
    std::cout << (zsh ? "#compdef svcdesk\n" : "") << "# " << shell
              << " completion for svcdesk, generated by `svcdesk completion " << shell
              << "` from its command table.\n# Values that depend on the config or the database come from "
                 "`svcdesk __complete KIND`.\n";
    print_table(std::cout, "_svcdesk_subs", t.subs, zsh);
    print_table(std::cout, "_svcdesk_opts", t.opts, zsh);
    print_table(std::cout, "_svcdesk_pos", t.args, zsh);
    print_table(std::cout, "_svcdesk_vals", t.vals, zsh);
    std::cout << "typeset -ga _svcdesk_args _svcdesk_globals\n" << k_core << (zsh ? k_zsh : k_bash);
}

struct CompleteOptions {
    std::string kind;
    std::vector<std::string> args;
};

// Never fails loudly: a shell completion has nowhere to show an error.
void print_values(App& app, const CompleteOptions& o) {
    std::vector<std::string> values;
    try {
        if (is_config_completion(o.kind)) {
            values = config_completions(app.config(), o.kind);
        } else {
            if (!database_exists(app.database())) return; // nothing stored yet
            values = store_completions(app.context(), o.kind, o.args);
        }
    } catch (const std::exception&) {
        return;
    }
    for (const auto& v : values) std::cout << v << '\n';
}

} // namespace

void register_completion_commands(CLI::App& cli, App& app) {
    {
        auto shell = std::make_shared<std::string>();
        auto* cmd = cli.add_subcommand("completion", "Print the bash or zsh completion script");
        app.values(cmd->add_option("shell", *shell, "bash or zsh"), words({"bash", "zsh"}))
            ->required()
            ->check(CLI::IsMember({"bash", "zsh"}));
        cmd->footer("Example: source <(svcdesk completion bash)   # or put it in ~/.local/share/bash-completion/completions/svcdesk");
        app.command(cmd, {Access::none}, [&app, &cli, shell] { print_script(app, cli, *shell); });
    }
    {
        auto o = make_options<CompleteOptions>();
        auto* cmd = cli.add_subcommand("__complete", "Values for shell completion (used by the completion script)");
        cmd->group(""); // hidden from --help
        cmd->add_option("kind", o->kind, "desk, category, class, shift, profile, role, staff, assignee, ticket or tag")
            ->required();
        cmd->add_option("args", o->args, "Positional arguments typed so far (assignee: the ticket id)");
        // Opens the database only when there is one (ops/database.hpp: database_exists).
        app.command(cmd, {Access::own}, [&app, o] { print_values(app, *o); });
    }
}

} // namespace svcdesk::cli
