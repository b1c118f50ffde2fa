#include <svcdesk/ops/completion.hpp>

#include <svcdesk/domain/staff.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <algorithm>

namespace svcdesk {
namespace {

void add_unique(std::vector<std::string>& out, const std::string& value) {
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
}

std::vector<std::string> assignees(Context& ctx, const std::vector<std::string>& args) {
    std::vector<std::string> out;
    std::optional<std::string> desk;
    if (!args.empty()) {
        try {
            if (auto ticket = ctx.store.tickets().find(parse_ticket_id(args.front()))) desk = ticket->desk;
        } catch (const Error&) {
            // Not a ticket id yet: no desk to prefer.
        }
    }
    if (desk) {
        for (const auto& duty : roster_on_duty(ctx, ctx.now, desk)) add_unique(out, duty.staff.id);
    }
    for (const auto& duty : roster_on_duty(ctx, ctx.now)) add_unique(out, duty.staff.id);
    for (const auto& staff : ctx.store.staff().list(false)) add_unique(out, staff.id);
    return out;
}

} // namespace

bool is_config_completion(std::string_view kind) {
    return kind == "desk" || kind == "category" || kind == "class" || kind == "shift" || kind == "profile" ||
           kind == "role" || kind == "department" || kind == "loan_item";
}

std::vector<std::string> config_completions(const Config& config, std::string_view kind) {
    std::vector<std::string> out;
    if (kind == "desk") {
        for (const auto& d : config.desks) out.push_back(d.id);
    } else if (kind == "category") {
        for (const auto& c : config.categories) out.push_back(c.id);
    } else if (kind == "class") {
        for (const auto& c : config.categories) {
            for (const auto& k : c.classes) add_unique(out, k);
        }
    } else if (kind == "shift") {
        for (const auto& s : config.roster.shifts) out.push_back(s.name);
    } else if (kind == "profile") {
        for (const auto& [name, profile] : config.import_profiles) out.push_back(name);
    } else if (kind == "department") {
        for (const auto& d : config.departments) out.push_back(d.id);
    } else if (kind == "role") {
        for (auto r : k_roles) out.emplace_back(r);
    } else if (kind == "loan_item") {
        for (const auto& [desk, kinds] : config.loans.inventory) {
            for (const auto& k : kinds) add_unique(out, k.id);
        }
    }
    return out;
}

std::vector<std::string> store_completions(Context& ctx, std::string_view kind, const std::vector<std::string>& args) {
    std::vector<std::string> out;
    ctx.store.read([&] {
        if (kind == "staff") {
            for (const auto& staff : ctx.store.staff().list(false)) out.push_back(staff.id);
        } else if (kind == "assignee") {
            out = assignees(ctx, args);
        } else if (kind == "ticket") {
            TicketFilter filter;
            filter.statuses = {std::begin(k_open_statuses), std::end(k_open_statuses)};
            filter.limit = k_max_completions;
            filter.now = ctx.now;
            for (const auto& t : ctx.store.tickets().list(filter)) out.push_back(std::to_string(t.id));
        } else if (kind == "tag") {
            DepositFilter filter;
            filter.states = {std::begin(k_in_storage), std::end(k_in_storage)};
            filter.now = ctx.now;
            for (const auto& d : ctx.store.deposits().list(filter)) out.push_back(d.tag);
            std::sort(out.begin(), out.end());
        } else if (kind == "loan") {
            LoanFilter filter;
            filter.states = {LoanState::out, LoanState::overdue};
            filter.now = ctx.now;
            for (const auto& l : ctx.store.loans().list(filter)) out.push_back(std::to_string(l.id));
        }
    });
    return out;
}

} // namespace svcdesk
