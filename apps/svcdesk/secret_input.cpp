#include "secret_input.hpp"

#include <svcdesk/error.hpp>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <termios.h>
#include <unistd.h>
#include <vector>

namespace svcdesk::cli {
namespace {

// Longer input is not an ID number or a phone, and is not read to the end.
constexpr std::size_t k_max_line = 256;

// The terminal being asked and its settings, for the signal handler to put back.
volatile std::sig_atomic_t g_tty_fd = -1;
termios g_saved{};

constexpr int k_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};

void restore_and_reraise(int sig) {
    if (g_tty_fd >= 0) tcsetattr(g_tty_fd, TCSAFLUSH, &g_saved);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Echo off on `fd` for the scope; back on (and a line break shown) at its end or on a signal.
class NoEcho {
  public:
    explicit NoEcho(int fd) : m_fd(fd) {
        if (tcgetattr(fd, &g_saved) != 0) return;
        m_active = true;
        g_tty_fd = fd;
        for (int sig : k_signals)
            m_old.push_back(std::signal(sig, restore_and_reraise));
        termios quiet = g_saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHOE | ECHOK | ECHONL);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    ~NoEcho() {
        if (!m_active) return;
        tcsetattr(m_fd, TCSAFLUSH, &g_saved);
        g_tty_fd = -1;
        for (std::size_t i = 0; i < m_old.size(); ++i)
            std::signal(k_signals[i], m_old[i]);
        [[maybe_unused]] auto n = ::write(m_fd, "\n", 1);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

  private:
    int m_fd;
    bool m_active = false;
    std::vector<void (*)(int)> m_old;
};

// Reads one line from `fd` byte by byte (no read-ahead past the line); false at end of input
// before any byte.
bool read_line(int fd, std::string& line, std::string_view option) {
    line.clear();
    bool any = false;
    char c = 0;
    for (;;) {
        auto n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        any = true;
        if (c == '\n') break;
        if (line.size() >= k_max_line)
            fail(Code::invalid, "{}: the value read is longer than {} characters", option,
                 k_max_line);
        line += c;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
}

} // namespace

std::string ask_secret(std::string_view option, std::string_view prompt) {
    int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        fail(Code::invalid,
             "{} was given without a value and there is no terminal to ask on: give the value, or "
             "- to "
             "read it from standard input",
             option);
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    std::string line;
    bool got = false;
    {
        // Echo off first, then the prompt: turning echo off flushes what was typed before it.
        NoEcho quiet(fd);
        auto text = format_message("{} ({}, not shown): ", prompt, option);
        [[maybe_unused]] auto n = ::write(fd, text.data(), text.size());
        got = read_line(fd, line, option);
    }
    if (!got) fail(Code::invalid, "{}: nothing was typed", option);
    return line;
}

std::string read_secret_line(std::string_view option, std::string_view prompt) {
    if (isatty(STDIN_FILENO)) return ask_secret(option, prompt);
    std::string line;
    if (!read_line(STDIN_FILENO, line, option)) {
        fail(Code::invalid, "{} -: standard input is empty (one line with the value expected)",
             option);
    }
    return line;
}

} // namespace svcdesk::cli
