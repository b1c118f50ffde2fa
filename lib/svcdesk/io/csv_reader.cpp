// CSV per RFC 4180, hand-written because the hot loop is the whole cost of an import: unquoted
// fields are scanned with a byte-class table, quoted ones with memchr, and a record is parsed
// again from its start only in the rare case that it straddles the end of the buffer.
#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>

#include <array>
#include <cstring>

namespace svcdesk {
namespace {

// Bytes that end an unquoted run.
constexpr std::array<bool, 256> k_special = [] {
    std::array<bool, 256> t{};
    t[','] = t['\n'] = t['\r'] = t['"'] = true;
    return t;
}();

class CsvReader final : public RecordReader {
public:
    CsvReader(int fd, std::string source, bool allow_empty) : m_in(fd, std::move(source)) {
        m_in.refill(0);
        if (m_in.size() >= 3 && std::memcmp(m_in.base(), "\xEF\xBB\xBF", 3) == 0) m_pos = 3;
        Record header;
        if (!read_record(header)) {
            if (allow_empty) return;
            fail(Code::invalid, "{}: empty input: expected a header row", m_in.source());
        }
        if (header.error) fail(Code::invalid, "{}:{}: header: {}", m_in.source(), header.line, *header.error);
        for (auto f : header.fields) m_columns.emplace_back(f);
        m_header_raw.assign(header.raw);
    }

    const std::vector<std::string>& columns() const override { return m_columns; }
    std::string_view header_raw() const override { return m_header_raw; }
    std::uint64_t bytes_read() const override { return m_in.consumed_before() + m_pos; }
    std::optional<std::uint64_t> total_bytes() const override { return m_in.total_size(); }

    bool next(Record& record) override {
        if (!read_record(record)) return false;
        if (!record.error && record.fields.size() != m_columns.size()) {
            record.error = record.fields.size() < m_columns.size()
                               ? format_message("row has {} fields; the header has {} (quote a field that holds a comma?)",
                                             record.fields.size(), m_columns.size())
                               : format_message("row has {} fields; the header has {} (an unquoted comma?)",
                                             record.fields.size(), m_columns.size());
        }
        return true;
    }

private:
    enum class Step { done, need_more, end };

    bool read_record(Record& record) {
        for (;;) {
            auto step = parse(record);
            if (step == Step::done) return true;
            if (step == Step::end) return false;
            if (m_in.size() - m_pos > k_max_record_bytes) {
                fail(Code::invalid, "{}:{}: row longer than {} MiB; is a closing quote missing?", m_in.source(),
                     m_line, k_max_record_bytes >> 20);
            }
            m_in.refill(m_pos); // keep the partial record and parse it again with more bytes
            m_pos = 0;
        }
    }

    // Parses one record starting at m_pos. Nothing is consumed unless it returns done.
    Step parse(Record& record) {
        const char* const base = m_in.base();
        const char* const end = base + m_in.size();
        const bool eof = m_in.eof();
        const char* p = base + m_pos;
        std::int64_t line = m_line;

        // Blank lines are not records.
        while (p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))) {
            p += *p == '\r' ? 2 : 1;
            ++line;
        }
        if (p == end || (!eof && end - p == 1 && *p == '\r')) {
            if (!eof) return Step::need_more;
            if (p == end) {
                m_pos = static_cast<std::size_t>(p - base);
                m_line = line;
                return Step::end;
            }
        }
        const char* start = p;
        const std::int64_t start_line = line;
        m_data.clear();
        m_ends.clear();
        std::optional<std::string> error;
        std::size_t error_field = std::string_view::npos;
        auto set_error = [&](std::string message) {
            if (!error) {
                error = std::move(message);
                error_field = m_ends.size();
            }
        };

        for (;;) { // one field per iteration
            if (p < end && *p == '"') {
                ++p;
                for (;;) {
                    const char* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(end - p)));
                    const char* stop = q ? q : end;
                    for (const char* n = p; (n = static_cast<const char*>(std::memchr(n, '\n', static_cast<std::size_t>(stop - n))));
                         ++n) {
                        ++line;
                    }
                    m_data.append(p, stop);
                    if (!q) {
                        if (!eof) return Step::need_more;
                        set_error("quoted field is not closed before the end of the input");
                        p = end;
                        break;
                    }
                    p = q + 1;
                    if (p == end && !eof) return Step::need_more;
                    if (p < end && *p == '"') { // "" is one quote
                        m_data.push_back('"');
                        ++p;
                        continue;
                    }
                    break;
                }
                if (p + 1 == end && *p == '\r' && !eof) return Step::need_more;
                bool at_field_end = p == end || *p == ',' || *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
                if (!at_field_end) {
                    set_error("text after the closing quote of a quoted field (write a quote inside one as \"\")");
                    while (p < end && *p != ',' && *p != '\n') m_data.push_back(*p++);
                    if (p == end && !eof) return Step::need_more;
                }
            } else {
                for (;;) {
                    const char* s = p;
                    while (p < end && !k_special[static_cast<unsigned char>(*p)]) ++p;
                    m_data.append(s, p);
                    if (p == end) {
                        if (!eof) return Step::need_more;
                        break;
                    }
                    if (*p == '"') { // 12" TV: a bare quote inside an unquoted field is data, as in sqlite3 and Python
                        m_data.push_back(*p++);
                        continue;
                    }
                    if (*p == '\r') {
                        if (p + 1 == end && !eof) return Step::need_more;
                        if (p + 1 < end && p[1] == '\n') break;
                        m_data.push_back(*p++); // a lone CR is data
                        continue;
                    }
                    break; // ',' or '\n'
                }
            }
            m_ends.push_back(m_data.size());
            if (p == end) break;
            if (*p == ',') {
                ++p;
                if (p == end && !eof) return Step::need_more;
                if (p == end) { // a trailing comma at the end of the input: one more empty field
                    m_ends.push_back(m_data.size());
                    break;
                }
                continue;
            }
            // End of line: CRLF or LF.
            if (*p == '\r') ++p;
            ++p;
            ++line;
            break;
        }

        record.line = start_line;
        record.raw = std::string_view(start, static_cast<std::size_t>(p - start));
        record.fields.clear();
        std::size_t from = 0;
        for (auto to : m_ends) {
            record.fields.emplace_back(m_data.data() + from, to - from);
            from = to;
        }
        if (!error && !utf8_valid(m_data)) {
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                if (!utf8_valid(record.fields[i])) {
                    error = "not valid UTF-8 (convert the file to UTF-8)";
                    error_field = i;
                    break;
                }
            }
        }
        record.error = std::move(error);
        record.error_column = error_field;
        m_pos = static_cast<std::size_t>(p - base);
        m_line = line;
        return Step::done;
    }

    ByteInput m_in;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
    std::string m_data;              // unescaped field bytes of the current record
    std::vector<std::size_t> m_ends; // end offset of each field in m_data
    std::vector<std::string> m_columns;
    std::string m_header_raw;
};

} // namespace

std::unique_ptr<RecordReader> make_csv_reader(int fd, std::string source, bool allow_empty) {
    return std::make_unique<CsvReader>(fd, std::move(source), allow_empty);
}

} // namespace svcdesk
