// Callback commands (回访): schedule, due, done, cancel, list, show, dial, export.
#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/callback_records.hpp>
#include <svcdesk/io/output_file.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <iostream>

namespace svcdesk::cli {
namespace {

struct ScheduleOptions {
    std::string ticket, at;
    std::string purpose = "followup";
};

struct DoneOptions {
    std::string id, outcome;
    std::optional<int> satisfaction;
    std::optional<std::string> note;
};

struct CancelOptions {
    std::string id, reason;
    CallbackId callback = 0; // id, parsed
};

// Listing callbacks sweeps the progress callbacks first (ops/callbacks.hpp): a write, whose
// listing shows personal data to a proven staff member.
constexpr CommandInfo k_sweeps{Access::write, Actor::staff};

struct CallbackListOptions {
    std::optional<std::string> at;                      // due
    std::vector<std::string> statuses, purposes;        // list
    std::optional<std::string> ticket, desk, assignee;  // filters
    std::optional<std::string> since, until;
    std::optional<std::size_t> limit;
    std::string ics;                                    // export
    std::optional<std::string> mode;                    // export
};

std::vector<Column> callback_columns() {
    // A loan's callback (purpose loan) has no ticket: the loan stands in its column ("L5").
    return {field("id", "id"),
            {"ticket",
             [](const Json& r) {
                 if (r.contains("loan")) return "L" + cell_text(r.at("loan").at("id"));
                 return cell_text(r.at("ticket"));
             }},
            field("purpose", "purpose"),
            {"due", [](const Json& r) { return cell_text(r.at("due_at")) + (r.at("overdue").get<bool>() ? " !" : ""); }},
            field("status", "status"),
            {"calls", [](const Json& r) { return std::to_string(r.at("attempts").size()); }},
            field("desk", "desk"),
            field("customer", "customer"),
            field("phone", "phone"),
            field("handler", "handler"),
            field("sat", "satisfaction")};
}

void print_callbacks(App& app, const std::vector<CallbackListing>& callbacks) {
    auto& ctx = app.context();
    Json records = Json::array();
    for (const auto& c : callbacks) records.push_back(callback_json(c, ctx.zone(), ctx.now));
    app.print_list(records, callback_columns());
}

std::optional<Timestamp> time_opt(Context& ctx, const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return ctx.parse_time(*text);
}

void run_due(App& app, const CallbackListOptions& o) {
    auto& ctx = app.context();
    CallbackFilter filter;
    filter.due_by = time_opt(ctx, o.at);
    filter.desk = o.desk;
    filter.handler = o.assignee;
    filter.limit = o.limit;
    print_callbacks(app, due_callbacks(ctx, filter));
}

void run_list(App& app, const CallbackListOptions& o) {
    auto& ctx = app.context();
    CallbackFilter filter;
    for (const auto& s : o.statuses) filter.statuses.push_back(parse_callback_status(s));
    for (const auto& p : o.purposes) filter.purposes.push_back(parse_purpose(p));
    if (o.ticket) filter.ticket = parse_ticket_id(*o.ticket);
    filter.desk = o.desk;
    filter.handler = o.assignee;
    filter.due_since = time_opt(ctx, o.since);
    filter.due_until = time_opt(ctx, o.until);
    filter.limit = o.limit;
    print_callbacks(app, list_callbacks(ctx, filter));
}

void run_show(App& app, const std::string& id, bool reveal) {
    auto& ctx = app.context();
    auto record = callback_json(show_callback(ctx, parse_callback_id(id), reveal), ctx.zone(),
                                ctx.now, reveal);
    app.print_record(record);
    if (app.format({"table", "json", "csv"}) != "table" || record.at("attempts").empty()) return;
    std::cout << '\n' << _("calls:") << '\n';
    app.print_list(record.at("attempts"),
                   {field("at", "at"), field("caller", "caller"), field("outcome", "outcome"), field("note", "note")});
}

void run_done(App& app, const DoneOptions& o) {
    auto& ctx = app.context();
    CallOutcomeRequest request;
    request.id = parse_callback_id(o.id);
    request.outcome = parse_outcome(o.outcome);
    request.satisfaction = o.satisfaction;
    request.note = o.note;
    auto cb = record_call(ctx, request);
    if (cb.status == CallbackStatus::pending) {
        app.say(format_message("callback {}: {}; next try {}", cb.id, to_string(request.outcome),
                            format_local(cb.due_at, ctx.zone())));
    } else {
        app.say(format_message("callback {}: {}", cb.id, to_string(cb.status)));
    }
}

} // namespace

void register_callback_commands(CLI::App& cli, App& app) {
    auto* group = cli.add_subcommand("callback", "Callbacks: surveys, progress calls, follow-ups");
    group->require_subcommand(1);
    {
        auto o = make_options<ScheduleOptions>();
        auto* cmd = group->add_subcommand("schedule", "Schedule a callback by hand; prints its id alone");
        app.values(cmd->add_option("id", o->ticket, "Ticket id"), "ticket")->required();
        cmd->add_option("--at", o->at, "When to call (moved into calling hours)")->required();
        app.values(cmd->add_option("--purpose", o->purpose,
                                   "survey, progress, followup (default) or care (loan: only for overdue loans, made by callback due)"),
                   words(k_purpose_names));
        app.command(cmd, {Access::write, Actor::staff}, [&app, o] {
            auto& ctx = app.context();
            auto ticket = parse_ticket_id(o->ticket);
            auto purpose = parse_purpose(o->purpose);
            auto at = ctx.parse_time(o->at);
            std::cout << schedule_callback(ctx, ticket, at, purpose) << '\n';
        });
    }
    {
        auto o = make_options<CallbackListOptions>();
        auto* cmd = group->add_subcommand("due", "Pending callbacks due by a time (default: end of today)");
        cmd->footer("Example: svcdesk callback due --desk internal --format json");
        cmd->add_option("--at", o->at, "Due at or before this time");
        app.values(cmd->add_option("--desk", o->desk, "Desk of the ticket"), "desk");
        app.values(
            cmd->add_option("--assignee", o->assignee, "The ticket's assignee (else its owner)"),
            "staff");
        count_option(cmd->add_option("--limit", o->limit, "At most N callbacks"));
        app.command(cmd, k_sweeps, [&app, o] { run_due(app, *o); });
    }
    {
        auto o = make_options<DoneOptions>();
        auto* cmd = group->add_subcommand("done", "Record a call: its outcome, satisfaction and notes");
        cmd->footer("Example: svcdesk --as s002 callback done 5 --outcome reached --satisfaction 5");
        cmd->add_option("id", o->id, "Callback id")->required();
        app.values(cmd->add_option("--outcome", o->outcome, "reached, no_answer or wrong_number"),
                   words(k_outcome_names))
            ->required();
        cmd->add_option("--satisfaction", o->satisfaction, "Customer satisfaction 1-5 (a reached survey only)");
        cmd->add_option("--note", o->note, "What was said");
        app.command(cmd, {Access::write, Actor::staff}, [&app, o] { run_done(app, *o); });
    }
    {
        auto o = make_options<CancelOptions>();
        auto* cmd = group->add_subcommand("cancel", "Cancel a pending callback");
        cmd->add_option("id", o->id, "Callback id")->required();
        cmd->add_option("--reason", o->reason,
                        "Why (a survey: a supervisor, or one of callbacks.drop_reasons)")
            ->required();
        app.command(
            cmd, {Access::write, Actor::staff},
            [&app, o] {
                cancel_callback(app.context(), o->callback, o->reason);
                app.say(format_message("callback {}: cancelled", o->callback));
            },
            [o] { o->callback = parse_callback_id(o->id); });
    }
    {
        auto o = make_options<CallbackListOptions>();
        auto* cmd = group->add_subcommand("list", "List callbacks, soonest due first");
        app.values(
               cmd->add_option("--status", o->statuses,
                               "pending, done, unreachable, cancelled; repeat or comma-separate"),
               words(k_callback_status_names))
            ->delimiter(',');
        app.values(cmd->add_option("--purpose", o->purposes, "survey, progress, followup, care"),
                   words(k_purpose_names))
            ->delimiter(',');
        app.values(cmd->add_option("--ticket", o->ticket, "Ticket id"), "ticket");
        app.values(cmd->add_option("--desk", o->desk, "Desk of the ticket"), "desk");
        app.values(
            cmd->add_option("--assignee", o->assignee, "The ticket's assignee (else its owner)"),
            "staff");
        cmd->add_option("--since", o->since, "Due at or after");
        cmd->add_option("--until", o->until, "Due before");
        count_option(cmd->add_option("--limit", o->limit, "At most N callbacks"));
        app.command(cmd, k_sweeps, [&app, o] { run_list(app, *o); });
    }
    {
        auto id = std::make_shared<std::string>();
        auto reveal = std::make_shared<bool>(false);
        auto* cmd = group->add_subcommand("show", "Show one callback and its calls");
        cmd->add_option("id", *id, "Callback id")->required();
        cmd->add_flag("--reveal", *reveal,
                      "The phone unmasked (the callback's handler or a supervisor; audited)");
        // A reveal is written to the audit trail.
        auto info = [reveal] {
            return *reveal ? CommandInfo{Access::write, Actor::staff} : CommandInfo{Access::read};
        };
        app.command(cmd, info, [&app, id, reveal] { run_show(app, *id, *reveal); });
    }
    {
        auto id = std::make_shared<std::string>();
        auto* cmd =
            group->add_subcommand("dial", "Print the number of a pending callback alone, for a "
                                          "softphone (its handler or a supervisor; audited)");
        cmd->footer("Example: softphone-call \"$(svcdesk callback dial 5)\"");
        cmd->add_option("id", *id, "Callback id")->required();
        app.command(cmd, {Access::write, Actor::staff}, [&app, id] {
            std::cout << dial_callback(app.context(), parse_callback_id(*id)) << '\n';
        });
    }
    {
        auto o = make_options<CallbackListOptions>();
        auto* cmd = group->add_subcommand("export", "Export pending callbacks as iCalendar (.ics)");
        add_mode_option(cmd, o->mode);
        app.values(cmd->add_option("--ics", o->ics, "Output file (replaced atomically, mode 0600)"),
                   k_file_values)
            ->required();
        cmd->add_option("--since", o->since, "Due at or after");
        cmd->add_option("--until", o->until, "Due before");
        app.command(cmd, k_sweeps, [&app, o] {
            auto& ctx = app.context();
            auto since = time_opt(ctx, o->since);
            auto until = time_opt(ctx, o->until);
            if (since && until && *until <= *since) fail(Code::invalid, "--until must be after --since");
            if (o->ics.empty()) fail(Code::invalid, "--ics needs a file name");
            // Written inside the transaction: a failed write undoes the sweep too.
            auto n = export_callbacks_ics(ctx, since, until,
                                          [&](std::string_view text) { write_file_atomically(o->ics, text, file_mode(o->mode)); });
            app.say(fmt::format(fmt::runtime(n_("wrote {0} callback to {1}", "wrote {0} callbacks to {1}", n)), n, o->ics));
        });
    }
}

} // namespace svcdesk::cli
