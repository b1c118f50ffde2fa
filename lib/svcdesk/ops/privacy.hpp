#pragma once
// Personal data at the door of the use cases: identity-document numbers checked when given, and
// ID numbers kept out of free text (seed 001 §七, seed 004 §4-5 data minimisation).

#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/ops/context.hpp>

#include <string>
#include <string_view>

namespace svcdesk {

// Checks the ID number given with `option` (e.g. "--id-number") as a document of `type`.
// Throws Error(invalid) naming the option and the reason (length, birth date, check digit,
// pattern), never the number; returns the normalised number.
std::string check_id_number(const Context& ctx, std::string_view option, std::string_view id_number,
                            IdType type);

// Free text of `field` (subject, items, note ...) as it may be stored: unchanged when it holds no
// ID number (domain/id_in_text.hpp), masked under privacy.id_in_text = "mask". Under "refuse"
// (the default) throws Error(invalid) naming the field.
std::string screen_id_numbers(const PrivacyPolicy& policy, std::string_view field,
                              std::string text);

} // namespace svcdesk
