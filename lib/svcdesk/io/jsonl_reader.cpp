#include <svcdesk/error.hpp>
#include <svcdesk/io/jsonl_reader.hpp>

#include <nlohmann/json.hpp>

#include <cstring>

namespace svcdesk {
namespace {

class JsonlReader final : public RecordReader {
public:
    JsonlReader(int fd, std::string source, std::vector<std::string> columns)
        : m_in(fd, std::move(source)), m_columns(std::move(columns)) {
        m_in.refill(0);
        if (m_in.size() >= 3 && std::memcmp(m_in.base(), "\xEF\xBB\xBF", 3) == 0) m_pos = 3;
    }

    const std::vector<std::string>& columns() const override { return m_columns; }
    std::uint64_t bytes_read() const override { return m_in.consumed_before() + m_pos; }
    std::optional<std::uint64_t> total_bytes() const override { return m_in.total_size(); }

    bool next(Record& record) override {
        for (;;) {
            std::string_view line;
            if (!next_line(line)) return false;
            ++m_line;
            if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) continue; // blank
            record.line = m_line - 1;
            record.raw = line;
            parse(line, record);
            return true;
        }
    }

private:
    bool next_line(std::string_view& line) {
        for (;;) {
            const char* base = m_in.base();
            std::size_t avail = m_in.size() - m_pos;
            const void* nl = std::memchr(base + m_pos, '\n', avail);
            if (nl || (m_in.eof() && avail > 0)) {
                std::size_t len = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - (base + m_pos)) + 1 : avail;
                line = std::string_view(base + m_pos, len);
                m_pos += len;
                return true;
            }
            if (m_in.eof()) return false;
            if (avail > k_max_record_bytes) {
                fail(Code::invalid, "{}:{}: line longer than {} MiB", m_in.source(), m_line, k_max_record_bytes >> 20);
            }
            m_in.refill(m_pos);
            m_pos = 0;
        }
    }

    void parse(std::string_view line, Record& record) {
        record.error.reset();
        record.error_column = std::string_view::npos;
        record.fields.assign(m_columns.size(), std::string_view());
        m_values.assign(m_columns.size(), std::string());
        if (!utf8_valid(line)) {
            record.error = "not valid UTF-8 (convert the file to UTF-8)";
            return;
        }
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            std::string what = e.what();
            auto colon = what.find("parse error");
            record.error = "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon));
            return;
        }
        if (!object.is_object()) {
            record.error = "expected a JSON object such as {\"column\": \"value\"}";
            return;
        }
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            auto it = object.find(m_columns[i]);
            if (it == object.end() || it->is_null()) continue;
            m_values[i] = it->is_string() ? it->get<std::string>() : it->dump();
        }
        for (std::size_t i = 0; i < m_columns.size(); ++i) record.fields[i] = m_values[i];
    }

    ByteInput m_in;
    std::vector<std::string> m_columns;
    std::vector<std::string> m_values;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
};

} // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(int fd, std::string source, std::vector<std::string> columns) {
    return std::make_unique<JsonlReader>(fd, std::move(source), std::move(columns));
}

} // namespace svcdesk
