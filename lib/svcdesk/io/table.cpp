#include <svcdesk/io/table.hpp>
#include <svcdesk/text.hpp>

#include <algorithm>

namespace svcdesk {

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(m_headers.size());
    for (auto& cell : cells) cell = sanitize_for_terminal(cell);
    m_rows.push_back(std::move(cells));
}

std::string Table::render(bool bold_header) const {
    std::vector<size_t> widths(m_headers.size());
    for (size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (size_t c = 0; c < cells.size(); ++c) {
            text += cells[c];
            if (c + 1 < cells.size()) text.append(widths[c] - display_width(cells[c]) + 2, ' ');
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        return text;
    };
    out += bold_header ? "\x1b[1m" + line(m_headers) + "\x1b[0m\n" : line(m_headers) + "\n";
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
