// Ticket commands: intake, the lifecycle transitions, show and list.
#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/io/records.hpp>
#include <svcdesk/ops/customers.hpp>
#include <svcdesk/ops/escalation.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <iostream>

namespace svcdesk::cli {
namespace {

struct IntakeOptions {
    IntakeRequest request;
    std::optional<std::string> at;
    double fee = 0;
};

struct TransitionOptions {
    std::string id;
    TicketId ticket = 0;    // id, parsed
    std::string text;       // reason, resolution or note
    std::string staff;      // assign
    bool force = false;     // assign
    std::optional<std::string> note;
    std::optional<std::string> root_cause;
    std::optional<std::string> caused_by; // resolve
    std::optional<int> satisfaction;
    bool no_callback = false;    // close
    std::string to, notified_at; // extend
};

struct ListOptions {
    std::vector<std::string> statuses;
    std::optional<std::string> desk, assignee, owner, category, since, until, due_within;
    std::optional<std::string> phone, customer;
    bool overdue = false;
    bool breached = false;
    bool dissatisfied = false;
    std::optional<std::size_t> limit;
    // list: without --status only open tickets, unless --all (issue 23); search: every status.
    bool open_by_default = false;
    bool all = false;
};

struct SearchOptions {
    std::string text;
    ListOptions filters;
};

// `list --status` takes the word for the open statuses, then each status.
std::string status_words() {
    std::vector<std::string_view> all{k_open_alias};
    all.insert(all.end(), k_status_names.begin(), k_status_names.end());
    return words(all);
}

// What a ticket command declares: it writes, as a staff member.
constexpr CommandInfo k_ticket_work{Access::write, Actor::staff};

// Registers a command that takes a ticket id and runs `op` on it.
CLI::App* ticket_command(CLI::App& cli, App& app, const std::string& name, const std::string& help,
                         std::shared_ptr<TransitionOptions> o,
                         std::function<void(Context&, TicketId, const TransitionOptions&)> op) {
    auto* cmd = cli.add_subcommand(name, help);
    app.values(cmd->add_option("id", o->id, "Ticket id"), "ticket")->required();
    app.command(
        cmd, k_ticket_work, [&app, o, op] { op(app.context(), o->ticket, *o); },
        [o] { o->ticket = parse_ticket_id(o->id); });
    return cmd;
}

void run_intake(App& app, IntakeOptions& o) {
    auto& ctx = app.context();
    if (o.at) o.request.at = ctx.parse_time(*o.at);
    o.request.fee_cents = fee_cents(o.fee);
    auto id = intake(ctx, o.request);
    std::cout << id << '\n';
    // The early warning (风险预警, seed 000 §五.4) for the agent, off stdout (scripts read the
    // id), printed once the intake has committed.
    if (auto note = caller_note(ctx, id); note && !app.options.quiet) ctx.notices.push_back(*note);
}

void print_show(App& app, TicketId id) {
    auto& ctx = app.context();
    auto detail = show_ticket(ctx, id);
    auto record = ticket_json(detail.ticket, ctx.zone(), ctx.now);
    Json history = Json::array();
    for (const auto& e : detail.history) history.push_back(event_json(e, ctx.zone()));
    auto fmt_name = app.format({"table", "json", "csv"});
    if (fmt_name != "table") {
        if (fmt_name == "json") record["history"] = history;
        app.print_record(record);
        return;
    }
    app.print_record(record);
    std::cout << '\n' << _("history:") << '\n';
    std::vector<Column> columns = {
        field("at", "at"), field("actor", "actor"), field("action", "action"),
        {N_("changes"),
         [](const Json& e) {
             std::string out;
             for (const auto& c : e.at("changes")) {
                 if (!out.empty()) out += "; ";
                 out += c.at("field").get<std::string>() + ": " + cell_text(c.at("old")) + " → " + cell_text(c.at("new"));
             }
             return out;
         }},
        field("reason", "reason")};
    app.print_list(history, columns);
}

// The TicketFilter of list's options (search takes them too).
TicketFilter list_filter(App& app, const ListOptions& o) {
    auto& ctx = app.context();
    TicketFilter filter;
    if (o.all && !o.statuses.empty()) {
        fail(Code::invalid, "{}", _("--all lists tickets of every status: give --status or --all, not both"));
    }
    for (const auto& s : o.statuses) {
        auto statuses = parse_status_filter(s);
        filter.statuses.insert(filter.statuses.end(), statuses.begin(), statuses.end());
    }
    // --breached and --dissatisfied ask about tickets of any status, as their help says.
    if (o.open_by_default && !o.all && o.statuses.empty() && !o.breached && !o.dissatisfied) {
        filter.statuses.assign(std::begin(k_open_statuses), std::end(k_open_statuses));
    }
    filter.desk = o.desk;
    filter.assignee = o.assignee;
    filter.owner = o.owner;
    filter.dissatisfied_only = o.dissatisfied;
    filter.category = o.category;
    filter.phone = o.phone;
    filter.customer = o.customer;
    filter.overdue_only = o.overdue;
    filter.breached_only = o.breached;
    if (o.due_within) filter.due_before = ctx.now + parse_duration(*o.due_within);
    if (o.since) filter.since = ctx.parse_time(*o.since);
    if (o.until) filter.until = ctx.parse_time(*o.until);
    filter.limit = o.limit;
    return filter;
}

void add_list_filters(CLI::App* cmd, App& app, ListOptions& o) {
    app.values(cmd->add_option("--status", o.statuses, "Status (or 'open'); repeat or comma-separate"),
               status_words())
        ->delimiter(',');
    app.values(cmd->add_option("--desk", o.desk, "Desk"), "desk");
    app.values(cmd->add_option("--assignee", o.assignee, "Staff id"), "staff");
    app.values(cmd->add_option("--owner", o.owner, "Staff id of the first contact"), "staff");
    app.values(cmd->add_option("--category", o.category, "Category"), "category");
    app.secret(cmd, "--phone", "The caller's tickets: phone number in any spelling", "Customer's phone", false,
               [&o](std::string v) {
                   if (!v.empty()) o.phone = std::move(v);
               });
    cmd->add_option("--customer", o.customer, "The caller's tickets: customer name as written");
    cmd->add_flag("--overdue", o.overdue, "Only open tickets past a deadline");
    cmd->add_flag("--breached", o.breached, "Only tickets that breached a deadline (any status)");
    cmd->add_option("--due-within", o.due_within,
                    "Only open tickets whose next deadline is at most this far away or past (30m, 2h, 1d)");
    cmd->add_flag("--dissatisfied", o.dissatisfied, "Only tickets a low satisfaction marked dissatisfied");
    cmd->add_option("--since", o.since, "Created at or after");
    cmd->add_option("--until", o.until, "Created before");
    count_option(cmd->add_option("--limit", o.limit, "At most N tickets"));
}

void print_search(App& app, const SearchOptions& o) {
    auto& ctx = app.context();
    Json records = Json::array();
    for (const auto& hit : search_tickets(ctx, o.text, list_filter(app, o.filters))) {
        auto record = ticket_json(hit.ticket, ctx.zone(), ctx.now);
        record["snippet"] = hit.snippet;
        records.push_back(std::move(record));
    }
    app.print_list(records, {field("id", "id"), field("status", "status"), field("desk", "desk"),
                             field("customer", "customer"), field("subject", "subject"),
                             field("snippet", "snippet")});
}

void print_list(App& app, const ListOptions& o) {
    auto& ctx = app.context();
    auto filter = list_filter(app, o);
    Json records = Json::array();
    for (const auto& t : list_tickets(ctx, filter)) records.push_back(ticket_json(t, ctx.zone(), ctx.now));
    app.print_list(records, {field("id", "id"), field("status", "status"), field("pri", "priority"),
                             {"desk",
                              [&app](const Json& r) {
                                  // a ticket handed to a department shows it (转办, seed 000 §五.1)
                                  const auto& config = app.config();
                                  auto desk = config.display_name(NameKind::desk, r.at("desk").get<std::string>());
                                  return r.at("department").is_null()
                                             ? desk
                                             : desk + "→" + config.display_name(NameKind::department,
                                                                               r.at("department").get<std::string>());
                              }},
                             field("category", "category"), field("customer", "customer"),
                             field("phone", "phone"), field("assignee", "assignee"),
                             {"due",
                              [](const Json& r) {
                                  auto due = r.at("first_response_at").is_null() ? r.at("response_due") : r.at("resolve_due");
                                  return cell_text(due) + (r.at("breached").get<bool>() ? " !" : "");
                              }},
                             field("subject", "subject")});
}

// An escalation as a record: the ticket's id, desk and subject, the level, the deadline and whom
// it reaches.
Json escalation_json(const Escalation& e, Zone zone) {
    Json recipients = Json::array();
    for (const auto& r : e.recipients) recipients.push_back(r);
    return {{"id", e.ticket.id},
            {"level", e.level},
            {"deadline", e.deadline ? Json(format_iso(*e.deadline, zone)) : Json()},
            {"desk", e.ticket.desk},
            {"status", to_string(e.ticket.status)},
            {"assignee", e.ticket.assignee ? Json(*e.ticket.assignee) : Json()},
            {"owner", e.ticket.owner ? Json(*e.ticket.owner) : Json()},
            {"to", recipients},
            {"subject", e.ticket.subject}};
}

void print_escalations(App& app, const std::vector<Escalation>& list) {
    auto& ctx = app.context();
    Json records = Json::array();
    for (const auto& e : list) records.push_back(escalation_json(e, ctx.zone()));
    app.print_list(records, {field("id", "id"), field("level", "level"), field("deadline", "deadline"),
                             field("desk", "desk"),
                             {"to",
                              [](const Json& r) {
                                  std::string out;
                                  for (const auto& s : r.at("to")) out += (out.empty() ? "" : ",") + s.get<std::string>();
                                  return out;
                              }},
                             field("subject", "subject")});
}

} // namespace

void register_ticket_commands(CLI::App& cli, App& app) {
    {
        auto o = make_options<IntakeOptions>();
        auto* cmd = cli.add_subcommand("intake", "Register a new ticket; prints its id alone");
        cmd->footer("Example: svcdesk intake --channel phone --category complaint --class after_sales --customer 王女士 --phone 13900000000 --subject \"洗衣机漏水\"");
        app.values(cmd->add_option("--channel", o->request.channel,
                                   "phone, walk_in, online, email, sms, social, other"),
                   words(k_channels))
            ->required();
        app.values(cmd->add_option("--category", o->request.category,
                                   "Category from the config, e.g. complaint"),
                   "category")
            ->required();
        app.values(cmd->add_option("--class", o->request.complaint_class,
                                   "Complaint class, e.g. after_sales"),
                   "class");
        app.values(cmd->add_option("--priority", o->request.priority,
                                   "urgent, high, normal (default), low"),
                   words(k_priority_names));
        app.values(cmd->add_option("--desk", o->request.desk,
                                   "Desk (default: the acting staff member's desk)"),
                   "desk");
        cmd->add_option("--customer", o->request.customer, "Customer name")->required();
        app.secret(cmd, "--phone", "Customer phone number", "Customer's phone", false,
                   [o](std::string v) { o->request.phone = std::move(v); });
        app.values(cmd->add_option("--customer-type", o->request.customer_type,
                                   "patient, family, staff, partner, other"),
                   words(k_customer_types));
        app.values(cmd->add_option("--flags", o->request.flags,
                                   "Comma-separated: vip, elderly, disabled, foreign"),
                   words(k_customer_flags));
        cmd->add_option("--language", o->request.language, "Customer's language, e.g. zh, en");
        cmd->add_option("--subject", o->request.subject, "One-line subject")->required();
        cmd->add_option("--description", o->request.description, "Details");
        cmd->add_option("--external-ref", o->request.external_ref, "Id in the source system (unique)");
        cmd->add_option(
            "--at", o->at,
            "When the customer made contact (default now; never in the future, at most "
            "sla.max_backdate_hours ago)");
        cmd->add_option("--fee", o->fee, "Fee for a paid service, in yuan");
        app.command(cmd, k_ticket_work, [&app, o] { run_intake(app, *o); });
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "assign", "Assign a ticket to a staff member", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) {
                                       assign(ctx, id, t.staff, t.force, t.note);
                                   });
        cmd->footer("Example: svcdesk --as boss assign 42 s002 --note \"on duty at the internal desk\"");
        app.values(cmd->add_option("staff", o->staff, "Staff id"), "assignee")->required();
        cmd->add_flag("--force", o->force, "Assign even if the rules object (recorded in history)");
        cmd->add_option("--note", o->note, "Why");
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "start", "First response: status in_progress", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) { start(ctx, id, t.force); });
        cmd->add_flag("--force", o->force,
                      "Take an unassigned ticket although off duty or of another desk (recorded in history)");
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "note", "Add a note to a ticket's history", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) { add_note(ctx, id, t.text); });
        cmd->add_option("text", o->text, "Note text")->required();
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "wait", "Wait on the customer (pauses the SLA clock)", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) { wait(ctx, id, t.text); });
        cmd->add_option("--reason", o->text, "What we wait for")->required();
    }
    ticket_command(cli, app, "resume", "Resume work after waiting", make_options<TransitionOptions>(),
                   [](Context& ctx, TicketId id, const TransitionOptions&) { resume(ctx, id); });
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "resolve", "Record the resolution", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) {
                                       std::optional<RootCause> cause;
                                       if (t.root_cause) cause = parse_root_cause(*t.root_cause);
                                       resolve(ctx, id, t.text, cause, t.caused_by);
                                   });
        cmd->footer("Example: svcdesk --as s002 resolve 42 --resolution \"replaced the hose\" --root-cause system");
        cmd->add_option("--resolution", o->text, "What was done")->required();
        app.values(cmd->add_option("--root-cause", o->root_cause, "customer, staff or system"),
                   words(k_root_cause_names));
        cmd->add_option("--caused-by", o->caused_by,
                        "With --root-cause staff: the staff member the complaint was about");
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "close", "Close a resolved ticket", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) {
                                       close(ctx, id, t.satisfaction,
                                             t.no_callback ? std::optional<std::string>(t.text) : std::nullopt);
                                   });
        cmd->add_option("--satisfaction", o->satisfaction, "Customer satisfaction 1-5");
        auto* no_callback = cmd->add_flag("--no-callback", o->no_callback, "Schedule no callback (needs --reason)");
        auto* reason = cmd->add_option("--reason", o->text, "Why no callback is scheduled");
        no_callback->needs(reason);
        reason->needs(no_callback);
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "reopen", "Reopen a resolved or closed ticket (new resolve deadline)", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) { reopen(ctx, id, t.text); });
        cmd->add_option("--reason", o->text, "Why the customer is not satisfied")->required();
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "cancel", "Cancel a ticket that needs no service", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) { cancel(ctx, id, t.text); });
        cmd->add_option("--reason", o->text, "Why")->required();
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = ticket_command(cli, app, "extend", "Extend the resolve deadline before it passes (the customer was told)", o,
                                   [](Context& ctx, TicketId id, const TransitionOptions& t) {
                                       extend(ctx, id, ctx.parse_time(t.to), t.text,
                                              ctx.parse_time(t.notified_at));
                                   });
        cmd->add_option("--to", o->to, "New resolve deadline")->required();
        cmd->add_option("--reason", o->text, "Why more time is needed")->required();
        cmd->add_option("--notified-at", o->notified_at, "When the customer was told (after the contact)")->required();
    }
    {
        struct EditOptions {
            std::string id;
            TicketId ticket = 0;
            EditRequest request;
        };
        auto o = make_options<EditOptions>();
        auto* cmd = cli.add_subcommand(
            "edit", "Correct a ticket's record (category, class or priority recompute the deadlines)");
        cmd->footer("Example: svcdesk edit 42 --priority urgent --phone 13900000000 --reason \"caller gave a wrong number\"");
        app.values(cmd->add_option("id", o->id, "Ticket id"), "ticket")->required();
        cmd->add_option("--customer", o->request.customer, "Customer name");
        app.secret(cmd, "--phone", "Customer phone number (empty clears it)", "Customer's phone", false,
                   [o](std::string v) { o->request.phone = std::move(v); });
        app.values(cmd->add_option("--priority", o->request.priority, "urgent, high, normal, low"),
                   words(k_priority_names));
        app.values(cmd->add_option("--category", o->request.category, "Category from the config"), "category");
        app.values(cmd->add_option("--class", o->request.complaint_class, "Complaint class (empty clears it)"),
                   "class");
        cmd->add_option("--subject", o->request.subject, "One-line subject");
        cmd->add_option("--description", o->request.description, "Details (empty clears them)");
        app.values(cmd->add_option("--flags", o->request.flags,
                                   "Comma-separated: vip, elderly, disabled, foreign (empty clears them)"),
                   words(k_customer_flags));
        cmd->add_option("--reason", o->request.reason, "Why the record is corrected")->required();
        app.command(
            cmd, k_ticket_work, [&app, o] { edit(app.context(), o->ticket, o->request); },
            [o] { o->ticket = parse_ticket_id(o->id); });
    }
    {
        struct EscalationsOptions {
            std::optional<std::string> desk;
            std::optional<int> level;
        };
        auto o = make_options<EscalationsOptions>();
        auto* cmd = cli.add_subcommand("escalations", "Open tickets escalated now, most urgent first, and to whom");
        cmd->footer("Example: svcdesk escalations --desk internal --level 2");
        app.values(cmd->add_option("--desk", o->desk, "Only this desk"), "desk");
        app.values(cmd->add_option("--level", o->level, "Only this level (1 assignee and owner, 2 the desk's "
                                                         "supervisors, 3 those named in config)"),
                   words({"1", "2", "3"}));
        app.command(cmd, {Access::read},
                    [&app, o] { print_escalations(app, list_escalations(app.context(), o->desk, o->level)); });
    }
    {
        struct EscalateOptions {
            std::string id;
            TicketId ticket = 0;
            std::string reason;
        };
        auto o = make_options<EscalateOptions>();
        auto* cmd = cli.add_subcommand("escalate", "Escalate a ticket one level by hand");
        app.values(cmd->add_option("id", o->id, "Ticket id"), "ticket")->required();
        cmd->add_option("--reason", o->reason, "Why")->required();
        app.command(
            cmd, k_ticket_work,
            [&app, o] { print_escalations(app, {escalate(app.context(), o->ticket, o->reason)}); },
            [o] { o->ticket = parse_ticket_id(o->id); });
    }
    {
        auto* cmd = cli.add_subcommand("sweep", "Record the escalations the clock reached (idempotent; for cron)");
        app.command(cmd, k_ticket_work, [&app] {
            for (const auto& line : sweep(app.context())) std::cout << line << '\n';
        });
    }
    {
        struct TransferOptions {
            std::string id;
            TicketId ticket = 0;
            TransferRequest request;
        };
        auto o = make_options<TransferOptions>();
        auto* cmd = cli.add_subcommand(
            "transfer", "Move a ticket to another desk or a hospital department; owner and deadlines stay");
        cmd->footer("Example: svcdesk transfer 42 --department 放射科 --reason \"影像报告延迟\"");
        app.values(cmd->add_option("id", o->id, "Ticket id"), "ticket")->required();
        auto* desk = app.values(cmd->add_option("--desk", o->request.desk, "The desk that takes it over"), "desk");
        app.values(cmd->add_option("--to", o->request.to, "With --desk: the staff member there who takes it"),
                   "assignee");
        auto* department = app.values(cmd->add_option("--department", o->request.department,
                                                      "A department of [[departments]], by id or name"),
                                      "department");
        desk->excludes(department);
        cmd->add_flag("--force", o->request.force, "With --to: assign although off duty (recorded in history)");
        cmd->add_option("--reason", o->request.reason, "Why")->required();
        app.command(
            cmd, k_ticket_work, [&app, o] { transfer(app.context(), o->ticket, o->request); },
            [o] { o->ticket = parse_ticket_id(o->id); });
    }
    {
        auto o = make_options<TransitionOptions>();
        auto* cmd = cli.add_subcommand("show", "Show a ticket and its history");
        cmd->footer("Example: svcdesk show 42 --format json");
        app.values(cmd->add_option("id", o->id, "Ticket id"), "ticket")->required();
        app.command(
            cmd, {Access::read}, [&app, o] { print_show(app, o->ticket); },
            [o] { o->ticket = parse_ticket_id(o->id); });
    }
    {
        auto o = make_options<ListOptions>();
        auto* cmd = cli.add_subcommand("list", _("List tickets, soonest deadline first (open ones unless --status or --all)"));
        cmd->footer("Example: svcdesk list --desk internal --overdue");
        add_list_filters(cmd, app, *o);
        o->open_by_default = true;
        cmd->add_flag("--all", o->all, _("Tickets of every status (without --status: open tickets only)"));
        app.command(cmd, {Access::read}, [&app, o] { print_list(app, *o); });
    }
    {
        auto o = make_options<SearchOptions>();
        auto* cmd = cli.add_subcommand(
            "search", "Find tickets by words in subject, description, resolution, notes, customer or external ref");
        cmd->footer("Example: svcdesk search 漏水 --desk internal --limit 20");
        cmd->add_option("text", o->text, "Words to find (all of them), Chinese or English")->required();
        add_list_filters(cmd, app, o->filters);
        app.command(cmd, {Access::read}, [&app, o] { print_search(app, *o); });
    }
}

} // namespace svcdesk::cli
