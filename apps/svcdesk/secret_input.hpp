#pragma once
// Personal data off the command line (argv is visible in `ps` and kept in shell history): the
// values of --id-number, --proxy-id-number and --phone may come from standard input or from the
// terminal, without echo.

#include <string>
#include <string_view>

namespace svcdesk::cli {

// What an option's value stands for when the option was given without one: ask on the terminal.
inline constexpr std::string_view k_ask_value = "\x01"
                                                "ask";

// One line of standard input for `option` given as "-" (the line break removed). Standard input
// on a terminal is asked like ask_secret(). Throws Error(invalid) when there is no line.
std::string read_secret_line(std::string_view option, std::string_view prompt);

// Asks for the value of `option` on the controlling terminal (/dev/tty), echo off, like
// getpass(3); the terminal's settings come back even when interrupted. Throws Error(invalid)
// when there is no terminal (cron, a script): then give the value, or "-" and standard input.
std::string ask_secret(std::string_view option, std::string_view prompt);

// Redacts `value` from every error message from now on (app.cpp), as values given in argv are.
void remember_secret(std::string value);

} // namespace svcdesk::cli
