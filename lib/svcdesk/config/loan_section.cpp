// Loader of [loans.DESK.KIND]: the items each desk lends against a deposit (seed 001 §八).
#include <svcdesk/config/sections.hpp>

namespace svcdesk::config_detail {

void load_loans(const Tree& tree, Config& config) {
    for (const auto& desk : tree.keys({"loans"})) {
        auto desk_setting = tree.get({"loans", desk});
        if (names_replaced_reference_desk(desk_setting, config, desk)) continue;
        if (!config.find_desk(desk)) desk_setting.error(fmt::format("no desk '{}' in [[desks]]", desk));
        auto& kinds = config.loans.inventory[desk];
        for (const auto& id : tree.keys({"loans", desk})) {
            LoanKind k;
            k.id = id;
            auto s = tree.get({"loans", desk, id});
            auto name = tree.get({"loans", desk, id, "name"});
            k.name = name ? name.as_string() : id;
            auto count = tree.get({"loans", desk, id, "count"});
            if (!count) s.error("count: required setting is missing");
            auto n = count.as_int();
            if (n < 0 || n > 10000) count.error("must be between 0 and 10000");
            k.count = static_cast<int>(n);
            if (auto oos = tree.get({"loans", desk, id, "out_of_service"})) {
                auto v = oos.as_int();
                if (v < 0 || v > k.count) oos.error(fmt::format("must be between 0 and count ({})", k.count));
                k.out_of_service = static_cast<int>(v);
            }
            if (auto dep = tree.get({"loans", desk, id, "deposit"})) {
                try {
                    k.deposit = dep.node()->is_string() ? parse_yuan(dep.as_string(), "deposit")
                                                         : parse_yuan(std::to_string(dep.as_int()), "deposit");
                } catch (const Error& e) {
                    dep.error(e.what());
                }
            }
            if (auto period = tree.get({"loans", desk, id, "period"})) {
                k.period = period.as_duration();
                if (k.period.count() <= 0) period.error("must be longer than zero");
            }
            kinds.push_back(std::move(k));
        }
    }
}

} // namespace svcdesk::config_detail
