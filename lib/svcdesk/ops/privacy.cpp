#include <svcdesk/domain/id_in_text.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/privacy.hpp>

namespace svcdesk {

std::string check_id_number(const Context& ctx, std::string_view option, std::string_view id_number,
                            IdType type) {
    std::string id;
    try {
        id = normalize_id_number(id_number);
    } catch (const Error& e) {
        fail(Code::invalid, "{}: {}", option, e.what());
    }
    auto today = date::year_month_day{local_day(ctx.now, ctx.zone())};
    if (auto problem = id_number_problem(id, type, ctx.config.privacy, today)) {
        std::string type_option = option == "--proxy-id-number" ? "--proxy-id-type" : "--id-type";
        fail(Code::invalid, "invalid {} ({} ID): {}; check the number on the document{}", option,
             to_string(type), *problem,
             type == IdType::resident ? format_message(", or give {} for another kind of document", type_option)
                                      : "");
    }
    return id;
}

std::string screen_id_numbers(const PrivacyPolicy& policy, std::string_view field,
                              std::string text) {
    auto spans = find_id_numbers(text);
    if (spans.empty()) return text;
    if (policy.id_in_text == IdInText::mask) return mask_id_numbers(text, spans);
    fail(Code::invalid,
         "{} contains what looks like an ID number: leave it out (deposits keep only its last 4 "
         "digits, "
         "seed 004 data minimisation), or set privacy.id_in_text = \"mask\"",
         field);
}

} // namespace svcdesk
