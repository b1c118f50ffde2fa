#pragma once
// Phone numbers as callers and staff type them, reduced to one canonical form so that one person's
// tickets, callbacks and deposits can be found again (issue 20, seed 004 客户档案).
//
// Canonical forms:
//   mainland Chinese mobile     13812345678            (11 digits, 1[3-9]…)
//   mainland Chinese landline   010-65528888           (area code with its 0, '-', subscriber)
//     with an extension         010-65528888-8001
//   400 / 800 service numbers   4008001234
//   any other country           +16502530000           (E.164; an extension as ";ext=88")
// Mainland numbers keep the national form staff dial and see on every Chinese form; numbers of
// other countries are stored in E.164, whatever country the site is in.

#include <optional>
#include <string>
#include <string_view>

namespace svcdesk {

// The canonical form of `typed`: digits (ASCII or full-width) with spaces, '-', '.', '/' and
// brackets between them; a leading + or 00 (011 in the NANP) for an international number; an
// extension after 转, 分机, ext, x, # or a last '-' group. A number without a country prefix is
// read in `default_country` (an ISO 3166 alpha-2 code, e.g. "CN", "HK", "US"). Throws
// Error(invalid) naming the number and what is wrong when it cannot be a phone number there.
std::string normalize_phone(std::string_view typed, std::string_view default_country = "CN");

// As normalize_phone, but std::nullopt instead of an error (migrations, `db check`).
std::optional<std::string> try_normalize_phone(std::string_view typed,
                                               std::string_view default_country = "CN");

// Whether `country` is a region normalize_phone knows (config validation).
bool known_phone_country(std::string_view country);

} // namespace svcdesk
