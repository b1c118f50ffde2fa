#include <svcdesk/error.hpp>
#include <svcdesk/io/output_file.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
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

} // namespace

AtomicFile::AtomicFile(std::string path, unsigned mode) : m_path(std::move(path)) {
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
    m_tmp = m_path + ".tmp-XXXXXX";
    m_fd = ::mkstemp(m_tmp.data());
    if (m_fd < 0) fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(errno));
    ::fchmod(m_fd, static_cast<mode_t>(mode));
}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
        if (!m_direct) ::unlink(m_tmp.c_str());
    }
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
    ::close(m_fd);
    m_fd = -1;
    if (::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        int err = errno;
        ::unlink(m_tmp.c_str());
        fail(Code::internal, "cannot write {}: {}", m_path, std::strerror(err));
    }
}

void write_file_atomically(const std::string& path, std::string_view content, unsigned mode) {
    AtomicFile file(path, mode);
    file.write(content);
    file.commit();
}

} // namespace svcdesk
