#include <svcdesk/domain/id_in_text.hpp>
#include <svcdesk/domain/id_number.hpp>

namespace svcdesk {
namespace {

// One character of an ID number at `pos`: its ASCII form ('0'-'9', 'X') and its length in bytes
// (full-width digits and Ｘ are 3 bytes); 0 when there is none.
struct IdChar {
    char ascii = 0;
    std::size_t size = 0;
};

IdChar id_char_at(std::string_view text, std::size_t pos) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c >= '0' && c <= '9') return {static_cast<char>(c), 1};
    if (c == 'X' || c == 'x') return {'X', 1};
    // U+FF10-U+FF19 (０-９) are EF BC 90-99; Ｘ is EF BC B8, ｘ EF BD 98.
    if (c != 0xEF || pos + 2 >= text.size()) return {};
    auto b1 = static_cast<unsigned char>(text[pos + 1]),
         b2 = static_cast<unsigned char>(text[pos + 2]);
    if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) return {static_cast<char>('0' + (b2 - 0x90)), 3};
    if ((b1 == 0xBC && b2 == 0xB8) || (b1 == 0xBD && b2 == 0x98)) return {'X', 3};
    return {};
}

bool is_digit(IdChar c) { return c.size > 0 && c.ascii != 'X'; }

// A maximal run of digits, with an X right after it taken in (the check character).
struct Run {
    std::size_t begin = 0, end = 0;
    std::string id; // ASCII
    bool glued = false;
};

std::vector<Run> digit_runs(std::string_view text) {
    std::vector<Run> runs;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto ch = id_char_at(text, pos);
        if (!is_digit(ch)) {
            pos += ch.size > 0 ? ch.size : 1;
            continue;
        }
        Run run{pos, pos, {}, false};
        while (pos < text.size() && is_digit(ch = id_char_at(text, pos))) {
            run.id += ch.ascii;
            pos += ch.size;
        }
        if (pos < text.size() && (ch = id_char_at(text, pos)).ascii == 'X') {
            run.id += 'X';
            pos += ch.size;
            // a digit right after the check character: part of a longer code, no ID number
            if (pos < text.size() && is_digit(id_char_at(text, pos))) run.glued = true;
        }
        run.end = pos;
        runs.push_back(std::move(run));
    }
    return runs;
}

// Whether the first two digits are a province-level code of GB/T 2260 (or of the permanent
// residence cards of foreigners, 9x): this keeps most other 15-digit numbers (IMEIs, order
// numbers) out.
bool region_code(std::string_view id) {
    int p = (id[0] - '0') * 10 + (id[1] - '0');
    return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
           (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
           p == 81 || p == 82 || p == 83 || (p >= 91 && p <= 96);
}

bool looks_like_id(std::string_view id) {
    return (id.size() == 15 || id.size() == 18) && region_code(id) && !resident_id_problem(id);
}

// Runs a and b are written as groups of one number: one blank or hyphen between them.
bool joined(std::string_view text, const Run& a, const Run& b) {
    return b.begin == a.end + 1 && (text[a.end] == ' ' || text[a.end] == '-') && a.id.back() != 'X';
}

} // namespace

std::vector<TextSpan> find_id_numbers(std::string_view text) {
    std::vector<TextSpan> spans;
    // Fast path (an import scans millions of fields): too few digits for an ID number.
    std::size_t digits = 0;
    for (char c : text) {
        if ((c >= '0' && c <= '9') || c == '\xEF') ++digits;
    }
    if (digits < 15) return spans;
    auto runs = digit_runs(text);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        if (!r.glued && looks_like_id(r.id)) {
            spans.push_back({r.begin, r.end});
            continue;
        }
        // 6-8-4 or 6-6-3, as ID numbers are often written
        if (i + 2 >= runs.size() || r.id.size() != 6) continue;
        const auto &b = runs[i + 1], &c = runs[i + 2];
        bool shaped =
            (b.id.size() == 8 && c.id.size() == 4) || (b.id.size() == 6 && c.id.size() == 3);
        if (shaped && joined(text, r, b) && joined(text, b, c) &&
            looks_like_id(r.id + b.id + c.id)) {
            spans.push_back({r.begin, c.end});
            i += 2;
        }
    }
    return spans;
}

std::string mask_id_numbers(std::string_view text, const std::vector<TextSpan>& spans) {
    std::string out;
    std::size_t done = 0;
    for (const auto& span : spans) {
        out.append(text.substr(done, span.begin - done));
        // Count the span's ID characters to keep the last 4.
        std::size_t count = 0;
        for (std::size_t p = span.begin; p < span.end;) {
            auto ch = id_char_at(text, p);
            count += ch.size > 0 ? 1 : 0;
            p += ch.size > 0 ? ch.size : 1;
        }
        std::size_t seen = 0;
        for (std::size_t p = span.begin; p < span.end;) {
            auto ch = id_char_at(text, p);
            if (ch.size == 0) {
                out += text[p++];
                continue;
            }
            if (++seen + 4 > count)
                out.append(text.substr(p, ch.size));
            else
                out += '*';
            p += ch.size;
        }
        done = span.end;
    }
    out.append(text.substr(done));
    return out;
}

} // namespace svcdesk
