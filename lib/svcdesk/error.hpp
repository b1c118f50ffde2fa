#pragma once
// The one error type of svcdesk: every expected failure carries a Code that maps to an exit code.

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

// Throws Error with a message built by fmt::format.
template <typename... Args>
[[noreturn]] void fail(Code code, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

} // namespace svcdesk
