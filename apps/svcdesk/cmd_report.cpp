// Reports, export and the audit trail: report daily, report staff, export, audit.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/io/output_file.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/export.hpp>
#include <svcdesk/report/daily.hpp>
#include <svcdesk/report/render.hpp>
#include <svcdesk/report/staff_report.hpp>

#include <iostream>

namespace svcdesk::cli {
namespace {

struct ReportOptions {
    std::string date = "today";
    std::string month;
    std::optional<std::string> desk;
    std::optional<std::string> output, mode;
};

struct ExportOptions {
    std::string kind;
    std::optional<std::string> since, until, output, mode;
    bool reveal = false;
};

// Prints to stdout, or writes FILE atomically (temp file beside it, then rename).
void emit(const ReportOptions& o, const std::string& text) {
    if (!o.output) {
        std::cout << text;
        return;
    }
    write_file_atomically(*o.output, text, file_mode(o.mode));
}

enum class ReportKind { daily, staff, complaints };

std::string render(App& app, const Json& report, ReportKind kind) {
    auto format = kind == ReportKind::complaints ? app.format({"table", "json", "csv", "md"})
                                                 : app.format({"table", "json", "csv", "md", "html"});
    if (format == "json") return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    switch (kind) {
    case ReportKind::daily: return render_daily_report(report, format);
    case ReportKind::staff: return render_staff_report(report, format);
    case ReportKind::complaints: return render_complaint_report(report, format);
    }
    return {};
}

void run_daily(App& app, const ReportOptions& o) {
    auto& ctx = app.context();
    auto day = parse_date(o.date, ctx.zone(), ctx.now);
    auto report = daily_report_json(build_daily_report({ctx.config, ctx.store, ctx.now}, day, o.desk));
    emit(o, render(app, report, ReportKind::daily));
}

void run_staff(App& app, const ReportOptions& o) {
    auto& ctx = app.context();
    auto month = report_month(o.month, ctx.now, ctx.zone());
    emit(o, render(app, staff_report_json({ctx.config, ctx.store, ctx.now}, month, o.desk), ReportKind::staff));
}

void run_complaints(App& app, const ReportOptions& o) {
    auto& ctx = app.context();
    auto month = report_month(o.month, ctx.now, ctx.zone());
    emit(o, render(app, complaint_report_json({ctx.config, ctx.store, ctx.now}, month, o.desk),
                          ReportKind::complaints));
}

void run_export(App& app, const ExportOptions& o) {
    auto& ctx = app.context();
    ExportRequest request;
    request.kind = o.kind;
    request.format = app.format({"csv", "jsonl"});
    if (o.since) request.since = ctx.parse_time(*o.since);
    if (o.until) request.until = ctx.parse_time(*o.until);
    request.reveal = o.reveal;
    if (!o.output) {
        export_records(ctx, request, [](std::string_view piece) { std::cout << piece; });
        return;
    }
    AtomicFile file(*o.output, file_mode(o.mode));
    export_records(ctx, request, [&](std::string_view piece) { file.write(piece); });
    file.commit();
}

// The options of a monthly report: --month, --desk, --output.
void add_month_options(App& app, CLI::App* cmd, ReportOptions& o) {
    cmd->add_option("--month", o.month, "Month as YYYY-MM (default: this month)");
    app.values(cmd->add_option("--desk", o.desk, "Only this desk"), "desk");
    app.values(cmd->add_option("--output", o.output, "Write to FILE atomically instead of standard output"),
               k_file_values);
    add_mode_option(cmd, o.mode);
}

} // namespace

void register_report_commands(CLI::App& cli, App& app) {
    auto* report = cli.add_subcommand("report", "Reports: daily, staff, complaints");
    report->require_subcommand(1);
    {
        auto o = make_options<ReportOptions>();
        auto* cmd = report->add_subcommand("daily", "The daily report, all desks with a per-desk breakdown");
        cmd->add_option("--date", o->date, "Day: YYYY-MM-DD, today (default), yesterday");
        app.values(cmd->add_option("--desk", o->desk, "Only this desk"), "desk");
        app.values(cmd->add_option("--output", o->output,
                                   "Write to FILE atomically instead of standard output"),
                   k_file_values);
        add_mode_option(cmd, o->mode);
        cmd->footer("Example: svcdesk report daily --date yesterday --format html --output /srv/reports/daily.html");
        app.command(cmd, {Access::read}, [&app, o] { run_daily(app, *o); });
    }
    {
        auto o = make_options<ReportOptions>();
        auto* cmd = report->add_subcommand("staff", "The monthly staff report (appraisal figures)");
        cmd->footer("Example: svcdesk report staff --month 2026-11 --format csv");
        add_month_options(app, cmd, *o);
        app.command(cmd, {Access::read}, [&app, o] { run_staff(app, *o); });
    }
    {
        auto o = make_options<ReportOptions>();
        auto* cmd = report->add_subcommand(
            "complaints", "The monthly complaint analysis: by class and by root cause, all desks and each desk");
        cmd->footer("Example: svcdesk report complaints --month 2026-11 --format md");
        add_month_options(app, cmd, *o);
        app.command(cmd, {Access::read}, [&app, o] { run_complaints(app, *o); });
    }
    {
        auto o = make_options<ExportOptions>();
        auto* cmd = cli.add_subcommand("export", "Full records of a period as CSV or JSON Lines");
        cmd->footer("Example: svcdesk export tickets --since 2026-11-01 --format jsonl");
        app.values(cmd->add_option("what", o->kind, "tickets, callbacks or deposits"),
                   words({"tickets", "callbacks", "deposits"}))
            ->required()
            ->check(CLI::IsMember({"tickets", "callbacks", "deposits"}));
        cmd->add_option("--since", o->since, "From (tickets: created, callbacks: due, deposits: deposited)");
        cmd->add_option("--until", o->until, "Before");
        app.values(
            cmd->add_option("--output", o->output,
                            "Write to FILE (mode 0600) atomically instead of standard output"),
            k_file_values);
        add_mode_option(cmd, o->mode);
        cmd->add_flag("--reveal", o->reveal, "Personal data in clear (supervisors; audited)");
        // A reveal is a supervisor's, and is written to the audit trail.
        auto info = [o] {
            return o->reveal ? CommandInfo{Access::write, Actor::supervisor, N_("reveal personal data")}
                             : CommandInfo{Access::read};
        };
        app.command(cmd, info, [&app, o] { run_export(app, *o); });
    }
    {
        struct AuditOptions {
            std::optional<std::string> since, until, actor, action;
        };
        auto o = make_options<AuditOptions>();
        auto* cmd = cli.add_subcommand("audit", "The audit trail: reveals, supervisor-only "
                                                "actions, --force, imports, backups (supervisor)");
        cmd->footer("Example: svcdesk audit --since 2026-11-01 --action deposit --format json");
        cmd->add_option("--since", o->since, "From");
        cmd->add_option("--until", o->until, "Before");
        app.values(cmd->add_option("--actor", o->actor, "Only this staff member"), "staff");
        cmd->add_option("--action", o->action,
                        "Only this action (deposit.reveal), or family (deposit)");
        app.command(cmd, {Access::read, Actor::supervisor, N_("read the audit trail")}, [&app, o] {
            auto& ctx = app.context();
            app.format({"table", "json", "csv"});
            AuditFilter filter;
            if (o->since) filter.since = ctx.parse_time(*o->since);
            if (o->until) filter.until = ctx.parse_time(*o->until);
            filter.actor = o->actor;
            filter.action = o->action;
            Json records = Json::array();
            for (const auto& e : list_audit(ctx, filter)) {
                records.push_back(audit_json(e, ctx.zone()));
            }
            app.print_list(records, {field("id", "id"), field("at", "at"), field("actor", "actor"),
                                     field("action", "action"), field("subject", "subject"),
                                     field("detail", "detail")});
        });
    }
}

} // namespace svcdesk::cli
