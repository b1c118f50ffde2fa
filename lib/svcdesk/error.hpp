#pragma once
// The one error type of svcdesk: every expected failure carries a Code that maps to an exit code.

#include <svcdesk/i18n.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace svcdesk {

// Exit codes of SPEC §9; the numeric values are the process exit status.
enum class Code {
    internal = 1,   // storage, config or programming error
    invalid = 2,    // usage error or invalid input
    not_found = 3,  // no such ticket, staff member, deposit ...
    refused = 4,    // refused by a rule of the service centre
    permission = 5, // the acting staff member may not do this
};

class Error : public std::runtime_error {
public:
    Error(Code code, std::string message) : std::runtime_error(std::move(message)), m_code(code) {}
    Code code() const noexcept { return m_code; }
    int exit_code() const noexcept { return static_cast<int>(m_code); }

private:
    Code m_code;
};

// A failure that keeps what the command wrote before it: a refused lost-tag claim is itself part
// of the record (seed 001 §七.6). Whoever holds the write transaction commits it, then passes
// this on; to everyone else it is an ordinary Error.
class CommittedFailure : public Error {
public:
    using Error::Error;
};

// `format` in the user's language (gettext: the translation of the English text, which is the
// msgid), formatted with `args`. The English text is checked against the arguments at compile
// time; a translation that does not fit them (tests/po/check_catalogue.sh catches that) falls back
// to the English rather than losing the message. A translation may number its fields ({1} {0}).
std::string vformat_message(fmt::string_view format, fmt::format_args args);

template <typename... Args>
std::string format_message(fmt::format_string<Args...> format, Args&&... args) {
    return vformat_message(fmt::string_view(format), fmt::make_format_args(args...));
}

// Throws Error with the message format_message() builds (xgettext's keyword fail:2 collects it).
template <typename... Args>
[[noreturn]] void fail(Code code, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(code, vformat_message(fmt::string_view(format), fmt::make_format_args(args...)));
}

} // namespace svcdesk
