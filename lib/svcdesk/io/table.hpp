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
// with "…", and columns that may be left out are, before the others are cut to a few
// characters. `bold_header` adds ANSI bold, for terminals only.
struct TableLayout {
    bool bold_header = false;
    std::size_t width = 0;
};

// How one column gives way on a narrow terminal.
struct ColumnFit {
    bool whole = false;    // never cut (a time or a phone cut short means nothing): left out instead
    std::size_t floor = 0; // not narrowed below this before columns are left out (0: the default)
    int leave_out = 0;     // 0: always shown; else left out when the table does not fit, 1 first
};

class Table {
public:
    explicit Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}
    void add_row(std::vector<std::string> cells);
    // The fit of each column (one per header); by default every column may be cut, none left out.
    void set_fit(std::vector<ColumnFit> fit);
    bool empty() const { return m_rows.empty(); }
    // Cells are sanitised (no control characters reach the terminal); the last column is not
    // padded.
    std::string render(const TableLayout& layout = {}) const;

private:
    // The width of each column in a line of `width` columns (0: no limit); 0 for a column left out.
    std::vector<std::size_t> column_widths(std::size_t width) const;

    std::vector<std::string> m_headers;
    std::vector<ColumnFit> m_fit;
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
