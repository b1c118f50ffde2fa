// Customer commands (客户档案, issue 20): show, list, edit.
#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/customer_records.hpp>
#include <svcdesk/ops/customers.hpp>

#include <iostream>
#include <map>

namespace svcdesk::cli {
// Named, not anonymous: the unity build puts the command files in one translation unit.
namespace customer_cmd {

struct ListOptions {
    std::optional<std::string> flag, name;
    bool risk = false, reveal = false;
    std::optional<std::size_t> limit;
};

struct EditOptions {
    std::string id;
    CustomerEditRequest request;
};

// Unmasked phones need a supervisor (SPEC §5), and the reveal is written to the audit trail.
CommandInfo reading(bool reveal) {
    return reveal ? CommandInfo{Access::write, Actor::supervisor, N_("reveal personal data")}
                  : CommandInfo{Access::read};
}

// A customer id as people type it: "C12".
std::string id_text(const Json& r) { return "C" + std::to_string(r.at("id").get<CustomerId>()); }

std::string joined(const Json& list, const char* separator) {
    std::string out;
    for (const auto& v : list)
        out += (out.empty() ? "" : separator) + cell_text(v);
    return out;
}

// Why at risk, for people: in their language (JSON keeps the English data text).
std::string risk_words(const std::vector<RiskReason>& reasons) {
    std::string out;
    for (const auto& r : reasons)
        out += (out.empty() ? "" : _("; ")) + svcdesk::risk_words(r);
    return out;
}

const std::vector<Column>& ticket_columns() {
    static const std::vector<Column> columns = {
        field("id", "id"),          field("status", "status"), field("category", "category"),
        field("class", "class"),    field("desk", "desk"),     field("created", "created_at"),
        field("subject", "subject")};
    return columns;
}

void print_show(App& app, const std::string& who, bool reveal) {
    auto& ctx = app.context();
    auto detail = show_customer(ctx, who, reveal);
    auto record =
        customer_detail_json(detail, ctx.config.customers.days, ctx.zone(), ctx.now, reveal);
    auto fmt_name = app.format({"table", "json"});
    if (fmt_name == "json") {
        app.print_record(record);
        return;
    }
    Json head = Json::object();
    head["id"] = id_text(record);
    head["phone"] = record["phone"];
    head["names"] = joined(record["names"], ", ");
    head["type"] = record["customer_type"];
    head["flags"] = joined(record["flags"], ",");
    for (const char* key : {"language", "notes", "created_at", "updated_at", "tickets"})
        head[key] = record[key];
    head["risk"] = detail.risk.empty() ? std::string("-") : risk_words(detail.risk);
    const auto& last = record["last_satisfaction"];
    head["last_satisfaction"] =
        last.is_null() ? Json()
                       : Json(format_message("{} (ticket {}, {})", last["score"].get<int>(),
                                             last["ticket"].get<TicketId>(), cell_text(last["at"])));
    app.print_record(head);
    auto section = [&](const std::string& title, const Json& rows,
                       const std::vector<Column>& columns) {
        std::cout << '\n' << title << ":\n";
        if (rows.empty()) {
            std::cout << "  " << _("none") << '\n';
        } else {
            app.print_list(rows, columns);
        }
    };
    section(_("open tickets"), record["open_tickets"], ticket_columns());
    section(format_message("complaints in the last {} days", ctx.config.customers.days),
            record["complaints"], ticket_columns());
    section(_("unreachable callbacks"), record["unreachable_callbacks"],
            {field("id", "id"), field("ticket", "ticket"), field("purpose", "purpose"),
             field("due", "due_at"), field(N_("gave up"), "finished_at")});
    section(_("deposits"), record["deposits"],
            {field("id", "id"), field("tag", "tag"), field("desk", "desk"),
             field("status", "status"), field("pieces", "pieces"),
             field("deposited", "deposited_at")});
}

void print_list(App& app, const ListOptions& o) {
    auto& ctx = app.context();
    CustomerListFilter filter{o.flag, o.name, o.risk, o.limit};
    Json records = Json::array();
    std::map<CustomerId, std::string> risk; // the table's words, by customer
    for (const auto& l : list_customers(ctx, filter, o.reveal)) {
        records.push_back(customer_json(l.customer, l.risk, ctx.zone(), o.reveal));
        risk[l.customer.id] = risk_words(l.risk);
    }
    app.print_list(records, {{"id", id_text},
                             field("phone", "phone"),
                             {N_("names"), [](const Json& r) { return joined(r.at("names"), ", "); }},
                             field("type", "customer_type"),
                             {N_("flags"), [](const Json& r) { return joined(r.at("flags"), ","); }},
                             {N_("risk"), [&risk](const Json& r) { return risk[r.at("id").get<CustomerId>()]; }},
                             field("updated", "updated_at")});
}

} // namespace customer_cmd

void register_customer_commands(CLI::App& cli, App& app) {
    namespace cc = customer_cmd;
    auto* group =
        cli.add_subcommand("customer", "Customer records: a caller and their history");
    group->require_subcommand(1);
    {
        auto who = std::make_shared<std::string>();
        auto reveal = std::make_shared<bool>(false);
        auto* cmd = group->add_subcommand(
            "show", "A caller and their history: open tickets, recent complaints, satisfaction, "
                    "unreachable callbacks, deposits");
        cmd->footer("Example: svcdesk customer show '138 1234 5678'   (or a customer id: C12)");
        cmd->add_option("who", *who, "Phone number in any spelling, or customer id C12")
            ->required();
        cmd->add_flag("--reveal", *reveal, "The phone in clear (supervisor; audited)");
        app.command(
            cmd, [reveal] { return cc::reading(*reveal); },
            [&app, who, reveal] { cc::print_show(app, *who, *reveal); });
    }
    {
        auto o = make_options<cc::ListOptions>();
        auto* cmd = group->add_subcommand("list", "List customer records, newest first");
        cmd->footer("Example: svcdesk customer list --risk");
        app.values(cmd->add_option("--flag", o->flag, "Only customers with this flag"),
                   words(k_customer_flags));
        cmd->add_flag("--risk", o->risk,
                      "Only customers at risk ([customers] in the config), with the reason");
        cmd->add_option("--name", o->name, "Only customers with a name seen containing TEXT");
        cmd->add_option("--limit", o->limit, "At most N customers");
        cmd->add_flag("--reveal", o->reveal, "Phones in clear (supervisor; audited)");
        app.command(
            cmd, [o] { return cc::reading(o->reveal); }, [&app, o] { cc::print_list(app, *o); });
    }
    {
        auto o = make_options<cc::EditOptions>();
        auto* r = &o->request;
        auto* cmd =
            group->add_subcommand("edit", "Correct a customer record (audited with the reason)");
        cmd->footer(
            "Example: svcdesk customer edit C12 --flags vip,elderly --reason '家属来电说明'");
        cmd->add_option("id", o->id, "Customer id (C12 or 12)")->required();
        cmd->add_option("--flags", r->flags,
                        "vip, elderly, disabled, foreign (comma-separated; '' for none)");
        app.values(cmd->add_option("--type", r->type, "Customer type"), words(k_customer_types));
        cmd->add_option("--note", r->note, "Notes on the caller ('' clears them)");
        cmd->add_option("--language", r->language, "Preferred language ('' clears it)");
        cmd->add_option("--reason", r->reason, "Why (kept in the audit trail)")->required();
        app.command(
            cmd, CommandInfo{Access::write, Actor::staff},
            [&app, o] { edit_customer(app.context(), parse_customer_id(o->id), o->request); },
            [o] { parse_customer_id(o->id); });
    }
    register_forget_command(group, app);
}

} // namespace svcdesk::cli
