#pragma once
// Files written for cron jobs and exports: all or nothing, private by default.

#include <cstddef>
#include <optional>
#include <utility>
#include <string>
#include <string_view>

namespace svcdesk {

// The permissions of an output file: `mode` when given; else an existing file's own (with its
// owner and group, as far as the caller may set them), else 0600 (rows hold personal data).
// Parses "0644" or "644"; throws Error(invalid) for anything but an octal mode up to 0777.
unsigned parse_file_mode(std::string_view text);

// Writes `content` to `path` so that a reader never sees half a file and a killed run leaves
// no trace (AtomicFile). Throws Error(internal) naming the path.
void write_file_atomically(const std::string& path, std::string_view content, std::optional<unsigned> mode = {});

// Streams output into a file that becomes `path` only on commit() (issue 21: nothing is left
// behind by a failed or killed run):
// - an unnamed file (O_TMPFILE) in the target's folder, linked in and renamed over `path` at the
//   commit: killed before it, not even SIGKILL leaves a file;
// - where the filesystem has no O_TMPFILE, a named temporary `.NAME.svcdesk-PID-XXXXXX` beside
//   it, removed on destruction, on SIGINT, SIGTERM and SIGHUP, and, after a SIGKILL, by the next
//   AtomicFile writing into that folder (the PID is no longer running).
// An existing device or FIFO (/dev/stdout) is written in place instead of being replaced. A
// missing folder, or a folder given as the file, is Error(internal) saying so.
class AtomicFile {
public:
    explicit AtomicFile(std::string path, std::optional<unsigned> mode = {});
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view data);
    void commit();

    static constexpr std::size_t k_no_slot = static_cast<std::size_t>(-1);

private:
    void open_temporary(const std::string& folder, unsigned mode);

    std::string m_path, m_tmp; // m_tmp: the named temporary, empty for an unnamed one
    int m_fd = -1;
    bool m_direct = false; // an existing device or pipe, written in place
    std::optional<std::pair<unsigned, unsigned>> m_owner; // uid, gid of the file replaced
    std::size_t m_slot = k_no_slot; // the signal handler's hold on m_tmp
};

} // namespace svcdesk
