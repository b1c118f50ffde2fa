#pragma once
// Streaming readers of tabular input (CSV, JSON Lines) for imports: one record at a time, in
// constant memory, with the physical line each record starts on and its raw bytes.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

struct Record {
    std::int64_t line = 0;                // physical line (1-based) where the record starts
    std::string_view raw;                 // the bytes as read, line break included
    std::vector<std::string_view> fields; // one per column of the reader
    // A problem with the record itself (quoting, UTF-8, field count); `error_column` indexes
    // columns() or is npos when the problem concerns the whole record.
    std::optional<std::string> error;
    std::size_t error_column = std::string_view::npos;
};

class RecordReader {
public:
    virtual ~RecordReader() = default;
    virtual const std::vector<std::string>& columns() const = 0;
    // Reads the next record into `record` (valid until the next call); false at the end.
    // Throws Error(internal) on a read error and Error(invalid) for a record too large to be
    // anything but a runaway quote.
    virtual bool next(Record& record) = 0;
    virtual std::uint64_t bytes_read() const = 0;
    // The size of the whole input when it is a regular file (for estimates), else nothing.
    virtual std::optional<std::uint64_t> total_bytes() const = 0;
    // The header line as read (CSV), so that reject files can be imported again once fixed.
    virtual std::string_view header_raw() const { return {}; }
};

// Reads from an open file descriptor; the reader does not close it. `source` names the input
// in messages.
class ByteInput {
public:
    ByteInput(int fd, std::string source);
    // Makes at least `want` bytes available from `keep_from` (an offset into the buffer): the
    // bytes before it are discarded. Returns false at end of input. Offsets move: the caller
    // re-reads base().
    bool refill(std::size_t keep_from);
    const char* base() const { return m_buf.data(); }
    std::size_t size() const { return m_size; }
    bool eof() const { return m_eof; }
    std::uint64_t consumed_before() const { return m_dropped; } // bytes discarded so far
    std::optional<std::uint64_t> total_size() const { return m_total; }
    const std::string& source() const { return m_source; }

private:
    int m_fd;
    std::string m_source;
    std::vector<char> m_buf;
    std::size_t m_size = 0;
    std::uint64_t m_dropped = 0;
    bool m_eof = false;
    std::optional<std::uint64_t> m_total; // a regular file's size
};

// Largest record accepted: anything longer is a quote left open.
inline constexpr std::size_t k_max_record_bytes = 8u << 20;

// Whether `text` is valid UTF-8 (fast on ASCII).
bool utf8_valid(std::string_view text);

} // namespace svcdesk
