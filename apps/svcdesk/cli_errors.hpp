#pragma once
// Command-line mistakes in svcdesk's words (issue 21): an unknown command or option is named with
// the nearest valid one, as git does, and no CLI11 wording reaches the user.

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk::cli {

// The edit distance of `a` and `b` (insertions, deletions, substitutions and transpositions of
// adjacent characters, each 1: optimal string alignment, as git's "did you mean").
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `typed`, or "" when none is near enough to be what was meant.
std::string nearest(std::string_view typed, const std::vector<std::string>& candidates);

// The message for a parse error of `args` (the command line without the program name) on the
// parser `root`: the first unknown command or option when there is one (CLI11 often reports a
// consequence instead, such as a required option that the misspelt one was meant to be), else
// CLI11's error reworded.
std::string describe_parse_error(const CLI::App& root, const CLI::ParseError& error,
                                 const std::vector<std::string>& args);

} // namespace svcdesk::cli
