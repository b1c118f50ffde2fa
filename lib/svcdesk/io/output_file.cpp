#include <svcdesk/error.hpp>
#include <svcdesk/io/output_file.hpp>

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace svcdesk {
namespace {

// /dev/stdout, /dev/stderr and /dev/fd/N name descriptors the process already holds: writing
// through a duplicate shares the shell's file offset (a `>>` redirection, earlier output),
// where opening the name again would start at offset 0. Returns -1 for any other path.
int inherited_fd(std::string_view path) {
    if (path == "/dev/stdout") return STDOUT_FILENO;
    if (path == "/dev/stderr") return STDERR_FILENO;
    if (!path.starts_with("/dev/fd/") || path.size() == 8 || path.size() > 12) return -1;
    int fd = 0;
    for (char c : path.substr(8)) {
        if (c < '0' || c > '9') return -1;
        fd = fd * 10 + (c - '0');
    }
    return fd;
}

// The named temporaries that exist right now, removed by the handler of SIGINT, SIGTERM and
// SIGHUP before the signal does what it would have done. Fixed buffers: a handler may not
// allocate.
constexpr std::size_t k_slots = 4;
std::array<std::array<char, 4096>, k_slots> g_pending{};
std::array<std::atomic<bool>, k_slots> g_used{};
constexpr std::array<int, 3> k_signals{SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_pending_and_reraise(int sig) {
    for (std::size_t i = 0; i < k_slots; ++i) {
        if (g_used[i].load()) ::unlink(g_pending[i].data());
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_handlers() {
    static const bool installed = [] {
        for (int sig : k_signals) {
            struct sigaction old {};
            // A handler someone else installed (the PIN prompt's) is left alone.
            if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_DFL) continue;
            struct sigaction act {};
            act.sa_handler = remove_pending_and_reraise;
            sigemptyset(&act.sa_mask);
            ::sigaction(sig, &act, nullptr);
        }
        return true;
    }();
    (void)installed;
}

// Registers `path` for removal on a signal; returns its slot, or AtomicFile::k_no_slot when all
// are taken.
std::size_t hold(const std::string& path) {
    install_handlers();
    if (path.size() >= g_pending[0].size()) return AtomicFile::k_no_slot;
    for (std::size_t i = 0; i < k_slots; ++i) {
        if (g_used[i].load()) continue;
        std::memcpy(g_pending[i].data(), path.c_str(), path.size() + 1);
        g_used[i].store(true);
        return i;
    }
    return AtomicFile::k_no_slot;
}

void release(std::size_t slot) {
    if (slot < k_slots) g_used[slot].store(false);
}

// ".daily.html.svcdesk-": the start of the names of the temporaries for `name`.
std::string temporary_prefix(const std::string& name) { return "." + name + ".svcdesk-"; }

// Removes the temporaries for `name` in `folder` that a run killed by SIGKILL left behind: those
// of this user whose process no longer runs.
void remove_stale(const std::string& folder, const std::string& name) {
    auto prefix = temporary_prefix(name);
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) return;
    while (const dirent* entry = ::readdir(dir)) {
        std::string_view file = entry->d_name;
        if (!file.starts_with(prefix)) continue;
        auto rest = file.substr(prefix.size()); // PID-XXXXXX
        auto dash = rest.find('-');
        if (dash == std::string_view::npos) continue;
        long pid = std::strtol(std::string(rest.substr(0, dash)).c_str(), nullptr, 10);
        if (pid <= 0 || pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        auto path = folder + "/" + std::string(file);
        struct stat st {};
        if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::getuid()) ::unlink(path.c_str());
    }
    ::closedir(dir);
}

std::string folder_of(const std::string& path) {
    auto parent = std::filesystem::path(path).parent_path().string();
    return parent.empty() ? std::string(".") : parent;
}

} // namespace

unsigned parse_file_mode(std::string_view text) {
    unsigned mode = 0;
    bool ok = !text.empty() && text.size() <= 4;
    for (char c : text) {
        if (c < '0' || c > '7') ok = false;
        mode = mode * 8 + static_cast<unsigned>(c - '0');
    }
    if (!ok || mode > 0777) fail(Code::invalid, "--mode: '{}' is not a file mode such as 0600 or 0644", text);
    return mode;
}

AtomicFile::AtomicFile(std::string path, std::optional<unsigned> mode) : m_path(std::move(path)) {
    if (m_path.empty()) fail(Code::invalid, "the output file name is empty");
    struct stat st {};
    bool exists = ::stat(m_path.c_str(), &st) == 0;
    int inherited = inherited_fd(m_path);
    if (inherited >= 0 || (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))) {
        // A device or pipe is written in place: a rename would replace it. /dev/stdout is written
        // through the descriptor even when it is redirected to a regular file, or closed (an
        // error then, never a new file in /dev); another regular file in /dev is replaced as usual.
        m_fd = inherited >= 0 ? ::fcntl(inherited, F_DUPFD_CLOEXEC, 0) : ::open(m_path.c_str(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
        m_direct = true;
        return;
    }
    if (exists && S_ISDIR(st.st_mode)) fail(Code::internal, "cannot write {}: it is a folder; give a file name", m_path);
    auto folder = folder_of(m_path);
    struct stat folder_st {};
    if (::stat(folder.c_str(), &folder_st) != 0 || !S_ISDIR(folder_st.st_mode)) {
        fail(Code::internal, "cannot write {}: there is no folder {}", m_path, folder);
    }
    if (exists) m_owner = std::pair<unsigned, unsigned>{st.st_uid, st.st_gid};
    remove_stale(folder, std::filesystem::path(m_path).filename().string());
    open_temporary(folder, mode ? *mode : exists ? (st.st_mode & 0777) : 0600);
}

void AtomicFile::open_temporary(const std::string& folder, unsigned mode) {
    m_fd = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        // No O_TMPFILE on this filesystem (NFS, older kernels): a named temporary, held for the
        // signal handler.
        if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL) {
            fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
        }
        m_tmp = fmt::format("{}/{}{}-XXXXXX", folder, temporary_prefix(std::filesystem::path(m_path).filename().string()),
                            ::getpid());
        m_fd = ::mkostemp(m_tmp.data(), O_CLOEXEC);
        if (m_fd < 0) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
        m_slot = hold(m_tmp);
    }
    // The file replaced keeps its owner and group where this user may give them (root, or a
    // group of theirs); the mode is set exactly, whatever the umask.
    if (m_owner && ::fchown(m_fd, m_owner->first, m_owner->second) != 0) {
        [[maybe_unused]] int ignored = ::fchown(m_fd, static_cast<uid_t>(-1), m_owner->second);
    }
    ::fchmod(m_fd, static_cast<mode_t>(mode));
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
        if (!m_direct && !m_tmp.empty()) ::unlink(m_tmp.c_str());
    }
    release(m_slot);
}

void AtomicFile::write(std::string_view data) {
    while (!data.empty()) {
        auto n = ::write(m_fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
        data.remove_prefix(static_cast<size_t>(n));
    }
}

void AtomicFile::commit() {
    if (m_direct) {
        int rc = ::close(m_fd);
        m_fd = -1;
        if (rc != 0) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
        return;
    }
    if (::fsync(m_fd) != 0) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
    if (m_tmp.empty()) {
        // The unnamed file gets a temporary name (a rename is what replaces a file atomically),
        // held for the signal handler for the moment it exists.
        auto folder = folder_of(m_path);
        auto prefix = temporary_prefix(std::filesystem::path(m_path).filename().string());
        auto proc = fmt::format("/proc/self/fd/{}", m_fd);
        for (unsigned attempt = 0; m_tmp.empty(); ++attempt) {
            auto name = fmt::format("{}/{}{}-{:06}", folder, prefix, ::getpid(), (attempt * 7919 + 1) % 1000000);
            m_slot = hold(name);
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
                m_tmp = name;
            } else {
                int err = errno;
                release(m_slot), m_slot = k_no_slot;
                if (err != EEXIST || attempt > 100) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(err));
            }
        }
    }
    ::close(m_fd);
    m_fd = -1;
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        int err = errno;
        ::unlink(m_tmp.c_str());
        fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(err));
    }
    m_tmp.clear();
}

void write_file_atomically(const std::string& path, std::string_view content, std::optional<unsigned> mode) {
    AtomicFile file(path, mode);
    file.write(content);
    file.commit();
}

} // namespace svcdesk
