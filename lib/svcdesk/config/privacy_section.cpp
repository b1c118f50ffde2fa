// Loader of [privacy]: the patterns of identity documents other than the resident ID card, and
// what happens to ID numbers typed into free text (seed 004 §4-5 data minimisation).
#include <svcdesk/error.hpp>
#include <svcdesk/config/sections.hpp>

namespace svcdesk::config_detail {

void load_privacy(const Tree& tree, Config& config) {
    PrivacyPolicy& policy = config.privacy;
    if (auto s = tree.get({"privacy", "id_in_text"})) {
        auto mode = s.as_string();
        if (mode == "refuse")
            policy.id_in_text = IdInText::refuse;
        else if (mode == "mask")
            policy.id_in_text = IdInText::mask;
        else
            s.error(format_message("'{}' is not one of: refuse, mask", mode));
    }
    for (auto name : k_id_type_names) {
        auto type = parse_id_type(name);
        if (type == IdType::resident)
            continue; // checked by its structure (GB 11643), not a pattern
        auto s = tree.get({"privacy", "id_patterns", name});
        if (!s) continue;
        auto text = s.as_string();
        if (text.empty()) s.error("must not be empty");
        try {
            policy.id_patterns.insert_or_assign(type, IdPattern(text));
        } catch (const Error& e) {
            s.error(e.what());
        }
    }
}

} // namespace svcdesk::config_detail
