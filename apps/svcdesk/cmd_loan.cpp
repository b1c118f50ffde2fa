// Equipment loan commands: loan out/return/list/stock/cash (issue 24, seed 001 §六, §八).
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/io/loan_records.hpp>
#include <svcdesk/ops/loans.hpp>

#include <iostream>

namespace svcdesk::cli {
namespace {

struct LoanOutOptions {
    LoanRequest request;
    std::string id_type = "resident";
    std::optional<std::string> deposit;
};

struct LoanReturnOptions {
    ReturnRequest request;
    std::string condition = "ok";
    std::optional<std::string> keep;
};

struct LoanListOptions {
    std::vector<std::string> statuses;
    std::optional<std::string> desk;
    bool all = false, reveal = false;
};

struct LoanCashOptions {
    std::string desk;
    std::string date = "today";
};

const std::vector<Column>& loan_columns() {
    static const std::vector<Column> k_columns = {
        field(_("id"), "id"),         field(_("status"), "status"),     field(_("item"), "item"),
        field(_("unit"), "unit"),     field(_("since"), "out_at"),      field(_("due"), "due_at"),
        field(_("borrower"), "borrower"), field(_("phone"), "phone"),   field(_("deposit (yuan)"), "deposit"),
        field(_("desk"), "desk")};
    return k_columns;
}

// Unmasked personal data needs a supervisor (SPEC §5) and is written to the audit trail.
CommandInfo loan_reading(bool reveal) {
    return reveal ? CommandInfo{Access::write, Actor::supervisor, "reveal personal data"}
                  : CommandInfo{Access::read};
}

} // namespace

void register_loan_commands(CLI::App& cli, App& app) {
    constexpr CommandInfo k_loan_work{Access::write, Actor::staff};
    auto* group = cli.add_subcommand("loan", _("Equipment loans against a cash deposit (轮椅, 平推车, 便民伞)"));
    group->require_subcommand(1);
    {
        auto o = make_options<LoanOutOptions>();
        auto* r = &o->request;
        auto* cmd = group->add_subcommand("out", _("Lend an item against a deposit; prints the loan id alone"));
        cmd->footer("Example: printf '%s\\n' 110101199003074514 | svcdesk --as s002 loan out --item wheelchair "
                    "--borrower 李明 --phone 13900000000 --id-number -");
        app.values(cmd->add_option("--item", r->item, _("Kind of item, from [loans.DESK] (e.g. wheelchair)")),
                   "loan_item")
            ->required();
        cmd->add_option("--borrower", r->borrower, _("Borrower's name"))->required();
        app.secret(cmd, "--phone", _("Borrower's phone"), _("Borrower's phone"), true,
                   [r](std::string v) { r->phone = std::move(v); });
        app.secret(cmd, "--id-number", _("Borrower's ID number (kept as last 4 + salted hash)"),
                   _("Borrower's ID number"), true, [r](std::string v) { r->id_number = std::move(v); });
        app.values(cmd->add_option("--id-type", o->id_type,
                                   _("Kind of the borrower's ID: resident (default), passport, hk_macau, taiwan, "
                                     "other")),
                   words(k_id_type_names));
        cmd->add_option("--deposit", o->deposit, _("Deposit received in yuan (default: the item's, from config)"));
        app.values(cmd->add_option("--desk", r->desk, _("Desk (default: the acting staff member's desk)")), "desk");
        app.command(
            cmd, k_loan_work, [&app, r] { std::cout << loan_out(app.context(), *r) << '\n'; },
            [o] {
                o->request.id_type = parse_id_type(o->id_type);
                if (o->deposit) o->request.deposit = parse_yuan(*o->deposit, "--deposit");
            });
    }
    {
        auto o = make_options<LoanReturnOptions>();
        auto* cmd = group->add_subcommand("return", _("Take a loaned item back and refund the deposit"));
        cmd->footer("Example: svcdesk --as boss loan return L3 --condition damaged --keep 50 --reason \"刹车损坏\"");
        app.values(cmd->add_option("loan", o->request.loan, _("Loan id, e.g. 3 or L3")), "loan")->required();
        app.values(cmd->add_option("--condition", o->condition, _("ok (default), damaged or lost")),
                   words(k_loan_condition_names));
        cmd->add_option("--keep", o->keep, _("Yuan of the deposit kept for damage or loss (supervisor)"));
        cmd->add_option("--reason", o->request.reason, _("Why the deposit is kept (required with --keep)"));
        cmd->add_option("--note", o->request.note, _("Note on the return"));
        app.command(
            cmd,
            [o] {
                return o->keep ? CommandInfo{Access::write, Actor::supervisor, "keep a loan deposit"}
                               : CommandInfo{Access::write, Actor::staff};
            },
            [&app, o] {
                auto l = loan_return(app.context(), o->request);
                app.say(fmt::format(fmt::runtime(_("loan {0} ({1} no. {2}) returned {3}: refunded {4} yuan{5}")), l.id,
                                    l.item, l.unit, to_string(*l.condition), format_yuan(l.refunded),
                                    l.kept > 0 ? fmt::format(fmt::runtime(_(", kept {0} yuan")), format_yuan(l.kept))
                                               : std::string()));
            },
            [o] {
                o->request.condition = parse_loan_condition(o->condition);
                if (o->keep) o->request.keep = parse_yuan(*o->keep, "--keep");
                if (o->request.keep > 0 && !o->request.reason) {
                    throw Error(Code::invalid, _("keeping a deposit needs --reason (what was damaged or lost)"));
                }
            });
    }
    {
        auto o = make_options<LoanListOptions>();
        auto* cmd = group->add_subcommand("list", _("List loans (default: those out), soonest due first"));
        cmd->footer("Example: svcdesk loan list --status overdue --desk internal");
        app.values(cmd->add_option("--status", o->statuses, _("out, overdue, returned; repeat or comma-separate")),
                   words(k_loan_state_names))
            ->delimiter(',');
        app.values(cmd->add_option("--desk", o->desk, _("Desk")), "desk");
        cmd->add_flag("--all", o->all, _("Every loan, returned ones too"));
        cmd->add_flag("--reveal", o->reveal, _("Unmasked names and phones (supervisor)"));
        app.command(
            cmd, [o] { return loan_reading(o->reveal); },
            [&app, o] {
                auto& ctx = app.context();
                LoanFilter f;
                for (const auto& s : o->statuses) f.states.push_back(parse_loan_state(s));
                if (f.states.empty() && !o->all) f.states = {LoanState::out, LoanState::overdue};
                f.desk = o->desk;
                Json records = Json::array();
                for (const auto& l : list_loans(ctx, f, o->reveal)) records.push_back(loan_json(l, ctx.zone(), ctx.now, o->reveal));
                app.print_list(records, loan_columns());
            },
            [o] {
                for (const auto& s : o->statuses) parse_loan_state(s);
            });
    }
    {
        auto desk = std::make_shared<std::optional<std::string>>();
        auto* cmd = group->add_subcommand("stock", _("Per desk and item: available, out, overdue, out of service"));
        app.values(cmd->add_option("--desk", *desk, _("Desk")), "desk");
        app.command(cmd, CommandInfo{Access::read}, [&app, desk] {
            Json records = Json::array();
            for (const auto& s : loan_stock(app.context(), *desk)) records.push_back(loan_stock_json(s));
            app.print_list(records, {field(_("desk"), "desk"), field(_("item"), "item"), field(_("item name"), "name"),
                                     field(_("available"), "available"), field(_("lent"), "out"),
                                     field(_("overdue"), "overdue"), field(_("out of service"), "out_of_service"),
                                     field(_("count"), "count"), field(_("deposit (yuan)"), "deposit"),
                                     field(_("period"), "period")});
        });
    }
    {
        auto o = make_options<LoanCashOptions>();
        auto* cmd = group->add_subcommand("cash", _("The desk's deposit cash over a day: opening, in, out, closing"));
        app.values(cmd->add_option("--desk", o->desk, _("Desk")), "desk")->required();
        cmd->add_option("--date", o->date, _("Day: YYYY-MM-DD, today (default), yesterday"));
        app.command(cmd, CommandInfo{Access::read}, [&app, o] {
            auto& ctx = app.context();
            auto day = date::local_days(parse_date(o->date, ctx.zone(), ctx.now));
            auto record = loan_cash_json(loan_cash(ctx, o->desk, day));
            record["date"] = format_day(day);
            app.print_record(record);
        });
    }
}

} // namespace svcdesk::cli
