#pragma once
// Plain-text tables for the terminal, aligned by display width so Chinese text lines up.

#include <string>
#include <vector>

namespace svcdesk {

class Table {
public:
    explicit Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}
    void add_row(std::vector<std::string> cells);
    bool empty() const { return m_rows.empty(); }
    // Cells are sanitised (no control characters reach the terminal); the last column is not
    // padded. `bold_header` adds ANSI bold, for terminals only.
    std::string render(bool bold_header = false) const;

private:
    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

// RFC 4180 CSV output (LF line ends, which every CSV reader accepts). Cells starting with = + - @ (and tab/CR) get a leading apostrophe when
// `neutralise_formulas`, so spreadsheets never run them.
std::string csv_line(const std::vector<std::string>& cells, bool neutralise_formulas = true);

} // namespace svcdesk
