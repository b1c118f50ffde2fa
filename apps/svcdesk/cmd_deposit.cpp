// Left-luggage commands: deposit in/out/lost/claim/proxy/dispose/list/show/handover.
#include "app.hpp"
#include "secret_input.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/deposit_records.hpp>
#include <svcdesk/ops/deposits.hpp>

#include <algorithm>
#include <iostream>

namespace svcdesk::cli {
namespace {

struct TagOptions {
    std::string tag;
    std::optional<int> pieces;        // out
    std::string id_number, items;     // claim
    std::string id_type =
        "resident"; // claim, proxy: parsed into proxy.id_type (claim reads it too)
    std::string method;               // dispose
    ProxyRequest proxy;               // proxy
    std::string proxy_id_type = "resident";
    bool approver_pin_stdin = false;  // proxy
    std::optional<std::string> out_id_number; // out (an overdue deposit)
};

struct InOptions {
    DepositRequest request;
    std::string id_type = "resident";
};

// --id-type / --proxy-id-type: the kind of identity document (domain/id_number.hpp).
CLI::Option* id_type_option(CLI::App* cmd, App& app, const std::string& name, std::string& value,
                            const std::string& whose) {
    return app.values(
        cmd->add_option(name, value,
                        format_message("Kind of {} ID: resident (default; check digit and birth date "
                                       "checked), passport, hk_macau, taiwan, other ([privacy.id_patterns])",
                                       _(whose.c_str()))),
        words(k_id_type_names));
}

struct DepositListOptions {
    std::vector<std::string> statuses;
    std::optional<std::string> desk;
    bool all = false, reveal = false;
};

const std::vector<Column>& deposit_columns() {
    static const std::vector<Column> k_columns = {
        field("id", "id"),
        {"status", [](const Json& r) { return cell_text(r.at("status")) + (r.at("lost").get<bool>() ? _(" (lost tag)") : ""); }},
        field("tag", "tag"),
        field("pieces", "pieces"),
        field("since", "deposited_at"),
        field("due", "due_at"),
        field("depositor", "depositor"),
        field("phone", "phone"),
        field("desk", "desk"),
        field("items", "items")};
    return k_columns;
}

void say_done(App& app, const Deposit& d, std::string_view what) {
    app.say(fmt::format(fmt::runtime(n_("deposit {0} (tag {1}, {2} piece) {3}", "deposit {0} (tag {1}, {2} pieces) {3}",
                                        static_cast<unsigned long>(d.pieces))),
                        d.id, d.tag, d.pieces, _(std::string(what).c_str())));
}

void print_deposit(App& app, const DepositDetail& detail, bool reveal) {
    auto& ctx = app.context();
    auto record = deposit_json(detail.deposit, ctx.zone(), ctx.now, reveal);
    Json history = Json::array();
    for (const auto& e : detail.history) history.push_back(deposit_event_json(e, ctx.zone()));
    auto fmt_name = app.format({"table", "json", "csv"});
    if (fmt_name == "json") record["history"] = history;
    app.print_record(record);
    if (fmt_name != "table") return;
    std::cout << '\n' << _("history:") << '\n';
    app.print_list(history, {field("at", "at"), field("actor", "actor"), field("action", "action"),
                             {"details", [](const Json& e) {
                                  std::string out;
                                  for (const auto& [k, v] : e.at("details").items()) {
                                      out += (out.empty() ? "" : "; ") + k + ": " + cell_text(v);
                                  }
                                  return out;
                              }}});
}

void print_handover(App& app, const HandoverDetail& detail) {
    auto record = handover_json(detail, app.context().zone());
    auto fmt_name = app.format({"table", "json", "csv"});
    if (fmt_name == "json") {
        app.print_record(record);
        return;
    }
    if (fmt_name == "csv") {
        app.print_list(handover_rows_json(detail, app.context().zone()), {});
        return;
    }
    auto summary = record;
    for (auto key : {"contents", "ins", "outs", "loans"}) summary.erase(key);
    app.print_record(summary);
    std::cout << '\n' << _("in storage:") << '\n';
    app.print_list(record.at("contents"), {field("tag", "tag"), field("pieces", "pieces"), field("since", "since"),
                                           {"lost", [](const Json& c) { return c.at("lost").get<bool>() ? _("lost tag") : ""; }},
                                           field("deposit", "deposit"), field("items", "items")});
    std::cout << '\n'
              << (detail.previous ? format_message("since the previous handover ({}):", cell_text(record.at("previous_at")))
                                  : std::string(_("since the previous handover (none: since the start):")))
              << '\n';
    Json changes = Json::array();
    for (const auto& c : record.at("ins")) changes.push_back(c);
    for (const auto& c : record.at("outs")) changes.push_back(c);
    app.print_list(changes, {field("change", "action"), field("tag", "tag"), field("pieces", "pieces"),
                             field("at", "at"), field("by", "actor"), field("deposit", "deposit")});
    if (!detail.loans.empty()) { // the loan items out, handed over with the cash (issue 24)
        std::cout << '\n' << _("loan items out:") << '\n';
        app.print_list(record.at("loans"), {field(_("loan"), "loan"), field(_("item"), "item"), field(_("unit"), "unit"),
                                            field(_("since"), "since"), field(_("due"), "due")});
    }
    if (!detail.reconciled) {
        std::cout << _("WARNING: the previous handover plus the recorded ins and outs does not match what is in storage")
                  << '\n';
    }
}

void run_list(App& app, const DepositListOptions& o) {
    auto& ctx = app.context();
    DepositFilter filter;
    for (const auto& s : o.statuses) filter.states.push_back(parse_deposit_state(s));
    filter.states = listed_states(std::move(filter.states), o.all);
    filter.desk = o.desk;
    Json records = Json::array();
    for (const auto& d : list_deposits(ctx, filter, o.reveal)) records.push_back(deposit_json(d, ctx.zone(), ctx.now, o.reveal));
    app.print_list(records, deposit_columns());
}

// Desk work on deposits: it writes, as a staff member.
constexpr CommandInfo k_desk_work{Access::write, Actor::staff};
// Unmasked personal data needs a supervisor (SPEC §5), and the reveal is written to the audit
// trail.
CommandInfo reading(bool reveal) {
    return reveal ? CommandInfo{Access::write, Actor::supervisor, N_("reveal personal data")}
                  : CommandInfo{Access::read};
}

// Registers `deposit NAME TAG ...` running `op` on the parsed options.
CLI::App* tag_command(CLI::App& group, App& app, const std::string& name, const std::string& help,
                      std::shared_ptr<TagOptions> o, std::function<void(App&, const TagOptions&)> op,
                      CommandInfo info = k_desk_work) {
    auto* cmd = group.add_subcommand(name, help);
    app.values(cmd->add_option("tag", o->tag, "Tag number, e.g. A017"), "tag")->required();
    // The ID types are parsed before the database is opened: a typo opens nothing.
    app.command(
        cmd, info, [&app, o, op] { op(app, *o); },
        [o] {
            o->proxy.id_type = parse_id_type(o->id_type);
            o->proxy.proxy_id_type = parse_id_type(o->proxy_id_type);
        });
    return cmd;
}

} // namespace

void register_deposit_commands(CLI::App& cli, App& app) {
    auto* group = cli.add_subcommand("deposit", "Left-luggage deposits at the desks");
    group->require_subcommand(1);
    {
        auto o = make_options<InOptions>();
        auto* r = &o->request;
        auto* cmd = group->add_subcommand("in", "Register a deposit; prints its id alone");
        cmd->footer("Example: printf '%s\\n' 110101199003074514 | svcdesk --as s002 deposit in "
                    "--tag A017 --depositor 李明 "
                    "--phone 13900000000 --id-number - --items \"行李箱\" --pieces 1 --checked");
        app.values(cmd->add_option("--tag", r->tag, "Tag from the desk's pool, e.g. A017"), "tag")
            ->required();
        cmd->add_option("--depositor", r->depositor, "Depositor's name")->required();
        app.secret(cmd, "--phone", "Depositor's phone", "Depositor's phone", true,
                   [r](std::string v) { r->phone = std::move(v); });
        app.secret(cmd, "--id-number", "Depositor's ID number (kept as last 4 + salted hash)",
                   "Depositor's ID number", true,
                   [r](std::string v) { r->id_number = std::move(v); });
        id_type_option(cmd, app, "--id-type", o->id_type, N_("the depositor's"));
        cmd->add_option("--items", r->items, "Description of the items")->required();
        cmd->add_option("--pieces", r->pieces, "Number of pieces, counted with the depositor")->required();
        cmd->add_flag("--sealed", r->sealed, "The depositor locked or sealed the items");
        app.values(
            cmd->add_option("--desk", r->desk, "Desk (default: the acting staff member's desk)"),
            "desk");
        cmd->add_flag("--checked", r->checked, "Items were counted and inspected in front of the depositor");
        app.command(
            cmd, k_desk_work, [&app, r] { std::cout << deposit_in(app.context(), *r) << '\n'; },
            [o] { o->request.id_type = parse_id_type(o->id_type); });
    }
    {
        auto o = make_options<TagOptions>();
        auto* cmd = tag_command(*group, app, "out", "Release a deposit against its tag", o, [](App& a, const TagOptions& t) {
            OutRequest r{t.tag, t.pieces, t.out_id_number, t.proxy.id_type};
            say_done(a, deposit_out(a.context(), r), N_("released"));
        });
        cmd->footer("Example: svcdesk --as s002 deposit out A017 --pieces 1\n"
                    "An overdue deposit needs the depositor's ID number: --id-number - (standard input)");
        cmd->add_option("--pieces", o->pieces, "Pieces handed back, counted with the depositor (must equal the record)")
            ->required();
        app.secret(cmd, "--id-number", "Depositor's ID number (required once the deposit is overdue)",
                   "Depositor's ID number", false, [o](std::string v) { o->out_id_number = std::move(v); });
        id_type_option(cmd, app, "--id-type", o->id_type, N_("the depositor's"));
    }
    tag_command(*group, app, "lost", "Report a lost tag: only a claim with the ID number releases it",
                make_options<TagOptions>(), [](App& a, const TagOptions& t) {
                    say_done(a, report_lost(a.context(), t.tag), N_("reported lost; release with: svcdesk deposit claim"));
                });
    {
        auto o = make_options<TagOptions>();
        auto* cmd = tag_command(
            *group, app, "claim", "Release a lost-tag deposit to the depositor (ID checked)", o,
            [](App& a, const TagOptions& t) {
                say_done(a,
                         claim_deposit(a.context(), t.tag, t.id_number, t.items, t.proxy.id_type),
                         N_("released on a lost-tag claim"));
            });
        app.secret(cmd, "--id-number", "Depositor's ID number", "Depositor's ID number", true,
                   [o](std::string v) { o->id_number = std::move(v); });
        id_type_option(cmd, app, "--id-type", o->id_type, N_("the depositor's"));
        cmd->add_option("--items", o->items, "The items as the depositor describes them")->required();
    }
    {
        auto o = make_options<TagOptions>();
        auto* cmd = group->add_subcommand("proxy", "Release to someone else, approved by a supervisor (acting, or "
                                                   "with their PIN)");
        app.values(cmd->add_option("tag", o->tag, "Tag number, e.g. A017"), "tag")->required();
        cmd->footer("Example: printf '%s\\n' 4321 | svcdesk --as s002 deposit proxy A017 --proxy 王大明 "
                    "--proxy-id-number 510104200001017777 --id-number 11010519491231002X --approver boss "
                    "--approver-pin-stdin");
        cmd->add_option("--proxy", o->proxy.proxy_name, "Name of the person collecting")->required();
        auto* proxy_id = app.secret(cmd, "--proxy-id-number", "Their ID number",
                   "ID number of the person collecting", true,
                   [o](std::string v) { o->proxy.proxy_id_number = std::move(v); });
        id_type_option(cmd, app, "--proxy-id-type", o->proxy_id_type, N_("their"));
        auto* id = app.secret(cmd, "--id-number", "The depositor's ID number", "Depositor's ID number", true,
                   [o](std::string v) { o->proxy.id_number = std::move(v); });
        id_type_option(cmd, app, "--id-type", o->id_type, N_("the depositor's"));
        app.values(cmd->add_option("--approved-by", o->proxy.approved_by,
                                   "Supervisor who approves: the acting staff member or --approver (checked)"),
                   "staff");
        auto* approver = app.values(cmd->add_option("--approver", o->proxy.approver,
                                                    "Supervisor approving in this command with their own PIN"),
                                    "staff");
        cmd->add_flag("--approver-pin-stdin", o->approver_pin_stdin,
                      "The approver types their PIN (asked on the terminal; one line of standard input when "
                      "it is not a terminal)")
            ->needs(approver);
        // The PIN is read before the database is opened; one option at most reads standard input.
        auto check = [o, proxy_id, id] {
            o->proxy.id_type = parse_id_type(o->id_type);
            o->proxy.proxy_id_type = parse_id_type(o->proxy_id_type);
            if (!o->approver_pin_stdin) return;
            for (auto* opt : {proxy_id, id}) {
                auto given = opt->results();
                if (std::find(given.begin(), given.end(), "-") != given.end()) {
                    fail(Code::invalid, "{} and --approver-pin-stdin both read standard input; only one can: give the "
                                        "other with no value to be asked on the terminal",
                         opt->get_name());
                }
            }
            o->proxy.approver_pin =
                read_pin(format_message("PIN of {} approving the proxy pickup", o->proxy.approver.value_or("")), true);
        };
        app.command(cmd, k_desk_work, [&app, o] {
            auto r = o->proxy;
            r.tag = o->tag;
            say_done(app, proxy_pickup(app.context(), r), N_("released to a proxy"));
        }, check);
    }
    {
        auto o = make_options<TagOptions>();
        auto* cmd = tag_command(*group, app, "dispose", "Dispose of an overdue deposit (supervisor)", o,
                                [](App& a, const TagOptions& t) {
                                    say_done(a, dispose_deposit(a.context(), t.tag, t.method), N_("disposed"));
                                },
                                {Access::write, Actor::supervisor, N_("dispose of unclaimed deposits")});
        cmd->add_option("--method", o->method, "How: e.g. handed to hospital security, log no.")->required();
    }
    {
        auto o = make_options<DepositListOptions>();
        auto* cmd = group->add_subcommand("list", "List deposits (default: those in storage), soonest due first");
        cmd->footer("Example: svcdesk deposit list --status overdue --desk internal");
        app.values(cmd->add_option("--status", o->statuses,
                                   "stored, overdue, released, disposed; repeat or comma-separate"),
                   words(k_deposit_state_names))
            ->delimiter(',');
        app.values(cmd->add_option("--desk", o->desk, "Desk"), "desk");
        cmd->add_flag("--all", o->all, "Every deposit, released and disposed too");
        cmd->add_flag("--reveal", o->reveal, "Unmasked names and phones (supervisor)");
        app.command(cmd, [o] { return reading(o->reveal); }, [&app, o] { run_list(app, *o); });
    }
    {
        auto ref = std::make_shared<std::string>();
        auto reveal = std::make_shared<bool>(false);
        auto* cmd = group->add_subcommand("show", "Show a deposit and its history, or a handover");
        app.values(
               cmd->add_option("ref", *ref, "Tag (A017), deposit id (12, D12) or handover id (H3)"),
               "tag")
            ->required();
        cmd->add_flag("--reveal", *reveal, "Unmasked names and phones (supervisor)");
        app.command(cmd, [reveal] { return reading(*reveal); }, [&app, ref, reveal] {
            auto shown = show_deposit(app.context(), *ref, *reveal);
            if (auto* d = std::get_if<DepositDetail>(&shown)) print_deposit(app, *d, *reveal);
            else print_handover(app, std::get<HandoverDetail>(shown));
        });
    }
    {
        struct HandoverOptions {
            std::optional<std::string> desk, to;
            std::string ref;
            std::optional<int> pieces;
            std::vector<std::string> tags;
            std::optional<int> loans_counted;
            std::optional<std::string> cash_counted;
        };
        auto o = make_options<HandoverOptions>();
        auto* cmd = group->add_subcommand("handover", "Hand the desk's deposits over to the next shift");
        cmd->footer("Opens a handover; the incoming staff member confirms it with:\n"
                    "  svcdesk deposit handover confirm H3 --pieces N [--tags A001,A002] [--loans-counted N "
                    "--cash-counted YUAN]");
        app.values(cmd->add_option("--desk", o->desk, "Desk"), "desk");
        app.values(cmd->add_option("--to", o->to, "Incoming staff member"), "staff");
        cmd->require_subcommand(0, 1);
        auto* confirm = cmd->add_subcommand("confirm", "Confirm a handover as the incoming staff member, with the count");
        confirm->add_option("handover", o->ref, "Handover id, e.g. H3")->required();
        confirm->add_option("--pieces", o->pieces, "Pieces counted in storage")->required();
        auto* tags = confirm->add_option("--tags", o->tags, "Tags found in storage; comma-separated (checked against "
                                                            "the list)")
                         ->delimiter(',');
        confirm->add_option("--loans-counted", o->loans_counted,
                            _("Loan items counted out (wheelchairs, carts...): needed when the handover has loans"));
        confirm->add_option("--cash-counted", o->cash_counted,
                            _("Loan deposit cash counted, in yuan: needed when the handover has loans"));
        // One command: CLI11 runs the parent's callback after the subcommand's, so the parent
        // decides which of the two was asked for.
        app.command(cmd, k_desk_work, [&app, o, confirm, tags] {
            if (confirm->parsed()) {
                if (o->desk || o->to) fail(Code::invalid, "deposit handover confirm takes no --desk or --to");
                std::optional<std::vector<std::string>> found;
                if (tags->count() > 0) found = o->tags;
                LoanCount loans{o->loans_counted, std::nullopt};
                if (o->cash_counted) loans.cash = parse_yuan(*o->cash_counted, "--cash-counted");
                print_handover(app, confirm_handover(app.context(), o->ref, *o->pieces, found, loans));
                return;
            }
            if (!o->desk || !o->to) fail(Code::invalid, "deposit handover needs --desk and --to (the incoming staff member)");
            print_handover(app, handover(app.context(), *o->desk, *o->to));
        });
    }
}

} // namespace svcdesk::cli
