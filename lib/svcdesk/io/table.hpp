#pragma once
// Plain-text tables for the terminal, aligned by display width so Chinese text lines up, and
// fitted to the terminal's width when asked.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// How a table is laid out: `width` 0 shows every cell whole (off a terminal, --wide); otherwise
// the widest columns are narrowed until a line fits in `width` columns and their cells are cut
// with "…". `bold_header` adds ANSI bold, for terminals only.
struct TableLayout {
    bool bold_header = false;
    std::size_t width = 0;
};

class Table {
public:
    explicit Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}
    void add_row(std::vector<std::string> cells);
    bool empty() const { return m_rows.empty(); }
    // Cells are sanitised (no control characters reach the terminal); the last column is not
    // padded.
    std::string render(const TableLayout& layout = {}) const;

private:
    std::vector<std::size_t> column_widths(std::size_t width) const;

    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

// `text` cut at a grapheme boundary so that it takes at most `width` terminal columns, ending in
// "…" when something was cut; `text` itself when it fits.
std::string cut_to_width(std::string_view text, std::size_t width);

// The width of the terminal on standard output: the window size (TIOCGWINSZ), else $COLUMNS,
// else 80; 0 when standard output is no terminal (nothing is cut there).
std::size_t terminal_width();

// RFC 4180 CSV output (LF line ends, which every CSV reader accepts). Cells starting with = + - @ (and tab/CR) get a leading apostrophe when
// `neutralise_formulas`, so spreadsheets never run them.
std::string csv_line(const std::vector<std::string>& cells, bool neutralise_formulas = true);

} // namespace svcdesk
