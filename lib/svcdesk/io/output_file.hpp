#pragma once
// Files written for cron jobs and exports: all or nothing, private by default.

#include <string>
#include <string_view>

namespace svcdesk {

// Writes `content` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`, so a reader never sees half a file. The file gets `mode` (default 0600).
// Throws Error(internal) naming the path; no temporary file is left behind.
void write_file_atomically(const std::string& path, std::string_view content, unsigned mode = 0600);

// Streams output into a temporary file that becomes `path` only on commit(); destroyed
// without commit, it removes the temporary file. An existing device or FIFO (/dev/stdout) is
// written in place instead of being replaced.
class AtomicFile {
public:
    explicit AtomicFile(std::string path, unsigned mode = 0600);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    void write(std::string_view data);
    void commit();

private:
    std::string m_path, m_tmp;
    int m_fd = -1;
    bool m_direct = false; // an existing device or pipe, written in place
};

} // namespace svcdesk
