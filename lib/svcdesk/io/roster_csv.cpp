#include <svcdesk/error.hpp>
#include <svcdesk/io/roster_csv.hpp>

#include <iterator>

namespace svcdesk {

std::vector<CsvRecord> read_csv_records(std::istream& in) {
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3); // spreadsheets write a BOM
    std::vector<CsvRecord> out;
    CsvRecord record{1, {}};
    std::string field;
    std::size_t line = 1;
    bool quoted = false, any = false;
    auto end_record = [&] {
        if (any || !field.empty() || !record.fields.empty()) {
            record.fields.push_back(std::move(field));
            out.push_back(std::move(record));
        }
        field.clear();
        record = CsvRecord{line, {}};
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                field += c;
            }
        } else if (c == '"') {
            quoted = any = true;
        } else if (c == ',') {
            record.fields.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            end_record();
        } else {
            field += c;
        }
    }
    if (quoted) fail(Code::invalid, "{}: unterminated quote", record.line);
    end_record();
    return out;
}

} // namespace svcdesk
