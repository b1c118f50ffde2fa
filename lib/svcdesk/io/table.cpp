#include <svcdesk/io/table.hpp>
#include <svcdesk/text.hpp>

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <numeric>
#include <sys/ioctl.h>
#include <unistd.h>

namespace svcdesk {

namespace {

// Columns are narrowed to this width (or their header's) before any is narrowed further, down to
// k_min_narrowed: long subjects and names give way first.
constexpr std::size_t k_min_column = 10;
constexpr std::size_t k_min_narrowed = 4;
constexpr std::string_view k_ellipsis = "…";

} // namespace

std::string cut_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    std::string out;
    std::size_t used = 0;
    utf8proc_int32_t previous = -1, state = 0;
    std::size_t cluster_start = 0, cluster_width = 0;
    // Appends text[cluster_start, end) when it fits beside the ellipsis; false once it does not.
    auto flush = [&](std::size_t end) {
        if (used + cluster_width + 1 > width) return false;
        out.append(text.substr(cluster_start, end - cluster_start));
        used += cluster_width;
        cluster_start = end;
        cluster_width = 0;
        return true;
    };
    for (std::size_t pos = 0; pos < text.size();) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                  static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
        std::size_t step = n > 0 ? static_cast<std::size_t>(n) : 1;
        if (n <= 0) cp = 0xFFFD;
        if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, cp, &state) && !flush(pos)) break;
        int w = utf8proc_charwidth(cp);
        cluster_width += w > 0 ? static_cast<std::size_t>(w) : 0;
        previous = cp;
        pos += step;
    }
    out += k_ellipsis;
    return out;
}

std::size_t terminal_width() {
    if (!::isatty(STDOUT_FILENO)) return 0;
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        std::size_t n = 0;
        std::string_view text(columns);
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc() && end == text.data() + text.size() && n > 0) return n;
    }
    return 80;
}

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(m_headers.size());
    for (auto& cell : cells) cell = sanitize_for_terminal(cell);
    m_rows.push_back(std::move(cells));
}

void Table::set_fit(std::vector<ColumnFit> fit) {
    fit.resize(m_headers.size());
    m_fit = std::move(fit);
}

std::vector<std::size_t> Table::column_widths(std::size_t width) const {
    const auto n = m_headers.size();
    std::vector<std::size_t> natural(n);
    for (size_t c = 0; c < n; ++c) {
        natural[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) natural[c] = std::max(natural[c], display_width(row[c]));
    }
    if (width == 0 || n == 0) return natural;
    auto fit = m_fit;
    fit.resize(n);
    std::vector<bool> shown(n, true);
    // Narrows the widest shown column, one column at a time, until the line fits or every column
    // is at its floor (`least`, or the column's own, or its header's; a whole column's is its
    // width). Returns whether the line fits.
    auto narrow = [&](std::vector<std::size_t>& widths, std::size_t least, bool headers_whole) {
        std::size_t total = 0, columns = 0;
        for (size_t c = 0; c < n; ++c) {
            if (shown[c]) total += widths[c], ++columns;
        }
        total += 2 * (columns - 1);
        for (; total > width; --total) {
            std::size_t widest = n;
            for (size_t c = 0; c < n; ++c) {
                if (!shown[c] || fit[c].whole) continue;
                auto floor = headers_whole ? std::max({display_width(m_headers[c]), least, fit[c].floor}) : least;
                if (widths[c] > floor && (widest == n || widths[c] > widths[widest])) widest = c;
            }
            if (widest == n) return false; // every column at its floor
            --widths[widest];
        }
        return true;
    };
    // First long subjects and names give way, down to k_min_column (or the column's floor), short
    // columns staying whole; then the columns that may be left out go, in their order; only then,
    // on a terminal too narrow for what is left, is every column cut down to k_min_narrowed,
    // headers included (a whole column too).
    auto widths = natural;
    while (!narrow(widths, k_min_column, true)) {
        std::size_t out = n;
        for (size_t c = 0; c < n; ++c) {
            if (shown[c] && fit[c].leave_out > 0 && (out == n || fit[c].leave_out < fit[out].leave_out)) out = c;
        }
        if (out == n) {
            for (auto& f : fit) f.whole = false;
            narrow(widths, k_min_narrowed, false);
            break;
        }
        shown[out] = false;
        widths = natural;
    }
    for (size_t c = 0; c < n; ++c) {
        if (!shown[c]) widths[c] = 0;
    }
    return widths;
}

std::string Table::render(const TableLayout& layout) const {
    auto widths = column_widths(layout.width);
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        bool first = true;
        for (size_t c = 0; c < cells.size(); ++c) {
            if (widths[c] == 0) continue; // left out
            if (!first) text.append(2, ' ');
            first = false;
            auto cell = cut_to_width(cells[c], widths[c]);
            text += cell;
            text.append(widths[c] - display_width(cell), ' ');
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        return text;
    };
    out += layout.bold_header ? "\x1b[1m" + line(m_headers) + "\x1b[0m\n" : line(m_headers) + "\n";
    for (const auto& row : m_rows) out += line(row) + "\n";
    return out;
}
std::string csv_line(const std::vector<std::string>& cells, bool neutralise_formulas) {
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i) {
        std::string cell = cells[i];
        if (neutralise_formulas && !cell.empty() &&
            (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r')) {
            cell.insert(cell.begin(), '\'');
        }
        if (i) out += ',';
        if (cell.find_first_of(",\"\r\n") != std::string::npos) {
            out += '"';
            for (char c : cell) {
                if (c == '"') out += '"';
                out += c;
            }
            out += '"';
        } else {
            out += cell;
        }
    }
    out += "\n";
    return out;
}

} // namespace svcdesk
