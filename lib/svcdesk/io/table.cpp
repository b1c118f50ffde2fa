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

std::vector<std::size_t> Table::column_widths(std::size_t width) const {
    std::vector<std::size_t> widths(m_headers.size());
    for (size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    if (width == 0 || widths.empty()) return widths;
    auto total = std::accumulate(widths.begin(), widths.end(), std::size_t{0}) + 2 * (widths.size() - 1);
    // Narrow the widest column, one column at a time, until the line fits: first none below
    // k_min_column (long subjects and names give way, short columns stay whole), then, on a
    // narrow terminal, none below k_min_narrowed, headers included.
    for (std::size_t least : {k_min_column, k_min_narrowed}) {
        for (; total > width; --total) {
            std::size_t widest = widths.size();
            for (size_t c = 0; c < widths.size(); ++c) {
                // (the header too is cut on a terminal too narrow for the headers)
                auto floor = least == k_min_column ? std::max(display_width(m_headers[c]), least) : least;
                if (widths[c] > floor && (widest == widths.size() || widths[c] > widths[widest])) widest = c;
            }
            if (widest == widths.size()) break; // every column at its floor
            --widths[widest];
        }
    }
    return widths;
}

std::string Table::render(const TableLayout& layout) const {
    auto widths = column_widths(layout.width);
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (size_t c = 0; c < cells.size(); ++c) {
            auto cell = cut_to_width(cells[c], widths[c]);
            text += cell;
            if (c + 1 < cells.size()) text.append(widths[c] - display_width(cell) + 2, ' ');
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
