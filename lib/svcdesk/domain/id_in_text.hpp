#pragma once
// ID numbers typed into free text (items, subjects, notes ...): found so that they can be refused
// or masked (privacy.id_in_text, seed 004 §4-5 data minimisation). No I/O here.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// Bytes [begin, end) of `text`.
struct TextSpan {
    std::size_t begin = 0, end = 0;
};

// The places in UTF-8 `text` that hold a valid resident ID number (resident_id_problem finds
// nothing wrong): a run of 18 digits (the last may be X) or 15 digits, ASCII or full-width,
// written together or grouped 6-8-4 (6-6-3) with single blanks or hyphens, and no digit right
// before or after. Phone numbers (11 digits), dates and other numbers are not ID numbers.
std::vector<TextSpan> find_id_numbers(std::string_view text);

// `text` with every character of each span but its last 4 digits replaced by '*' (separators
// kept): 11010519491231002X -> **************002X.
std::string mask_id_numbers(std::string_view text, const std::vector<TextSpan>& spans);

} // namespace svcdesk
