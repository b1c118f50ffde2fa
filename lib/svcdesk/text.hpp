#pragma once
// UTF-8 text helpers shared by validation and output.

#include <cstddef>
#include <string>
#include <string_view>

namespace svcdesk {

bool is_valid_utf8(std::string_view text);
std::size_t code_points(std::string_view text); // assumes valid UTF-8

// Validates a free-text field: valid UTF-8, at most `max` characters, no control characters
// (line breaks and tabs allowed when `multiline`), and not blank when `required`.
// Throws Error(invalid) naming the field.
void check_text(std::string_view field, std::string_view value, std::size_t max, bool required,
                bool multiline = false);

// Columns the text takes in a terminal (CJK wide characters count two).
std::size_t display_width(std::string_view text);

// Replaces control characters and escape sequences by visible stand-ins, so that stored text
// can never drive the terminal; invalid UTF-8 bytes become U+FFFD.
std::string sanitize_for_terminal(std::string_view text);

// 13812345678 → 138****5678; short numbers keep only their last 2 digits visible.
std::string mask_phone(std::string_view phone);
// Names, masked like phones (SPEC §5): 王小明 → 王**; John Smith → Jo** Sm***. Each word (split
// at spaces) keeps its first two letters in alphabetic scripts, its first character in Chinese,
// Japanese or Korean; a word of two letters keeps one (Li → L*), a single character stays.
std::string mask_name(std::string_view name);

} // namespace svcdesk
