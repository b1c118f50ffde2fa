// Reports, export and the audit trail: report daily, report staff, export, audit.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/io/output_file.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/export.hpp>
#include <svcdesk/report/daily.hpp>
#include <svcdesk/report/render.hpp>
#include <svcdesk/report/staff_report.hpp>

#include <clocale>
#include <cstdlib>
#include <iostream>

namespace svcdesk::cli {
namespace {

struct ReportOptions {
    std::string date = "today";
    std::string month;
    std::optional<std::string> desk;
    std::optional<std::string> output, mode;
    std::optional<std::string> lang; // zh or en: the language of an HTML report
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

// The messages in one language while a report renders (--lang): LC_MESSAGES of that language
// and LANGUAGE cleared, both put back afterwards. gettext looks the catalogue up again after a
// setlocale.
class ReportLanguage {
public:
    explicit ReportLanguage(const std::optional<std::string>& lang) {
        if (!lang) return;
        const char* current = std::setlocale(LC_MESSAGES, nullptr);
        m_locale = current ? current : "C";
        if (const char* language = std::getenv("LANGUAGE")) m_language = language;
        ::unsetenv("LANGUAGE");
        m_active = true;
        if (*lang == "en") {
            std::setlocale(LC_MESSAGES, "C");
            return;
        }
        for (const char* name : {"zh_CN.UTF-8", "zh_CN.utf8", "zh_CN"}) {
            if (std::setlocale(LC_MESSAGES, name)) return;
        }
        std::cerr << "svcdesk: warning: "
                  << _("the zh_CN.UTF-8 locale is not installed, so the report's labels are in English "
                       "(install it with locale-gen)")
                  << '\n';
    }
    ReportLanguage(const ReportLanguage&) = delete;
    ReportLanguage& operator=(const ReportLanguage&) = delete;
    ~ReportLanguage() {
        if (!m_active) return;
        std::setlocale(LC_MESSAGES, m_locale.c_str());
        if (m_language) ::setenv("LANGUAGE", m_language->c_str(), 1);
    }

private:
    bool m_active = false;
    std::string m_locale;
    std::optional<std::string> m_language;
};

std::string render(App& app, const Json& report, ReportKind kind, const ReportOptions& o) {
    auto format = kind == ReportKind::complaints ? app.format({"table", "json", "csv", "md"})
                                                 : app.format({"table", "json", "csv", "md", "html"});
    if (format == "json") return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    ReportView view;
    view.config = &app.config();
    // Tables written to a file are never cut; on the terminal they fit its width.
    if (!o.output) view.width = app.table_layout().width;
    ReportLanguage language(format == "html" ? o.lang : std::nullopt);
    view.lang = o.lang.value_or(report_language(view));
    switch (kind) {
    case ReportKind::daily: return render_daily_report(report, format, view);
    case ReportKind::staff: return render_staff_report(report, format, view);
    case ReportKind::complaints: return render_complaint_report(report, format, view);
    }
    return {};
}

void run_daily(App& app, const ReportOptions& o) {
    auto& ctx = app.context();
    auto day = parse_date(o.date, ctx.zone(), ctx.now);
    auto report = daily_report_json(build_daily_report({ctx.config, ctx.store, ctx.now}, day, o.desk));
    emit(o, render(app, report, ReportKind::daily, o));
}

void run_staff(App& app, const ReportOptions& o) {
    auto& ctx = app.context();
    auto month = report_month(o.month, ctx.now, ctx.zone());
    emit(o, render(app, staff_report_json({ctx.config, ctx.store, ctx.now}, month, o.desk), ReportKind::staff, o));
}

void run_complaints(App& app, const ReportOptions& o) {
    auto& ctx = app.context();
    auto month = report_month(o.month, ctx.now, ctx.zone());
    emit(o, render(app, complaint_report_json({ctx.config, ctx.store, ctx.now}, month, o.desk),
                          ReportKind::complaints, o));
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

// --lang zh|en: the language of an HTML report (default: the messages').
void add_lang_option(CLI::App* cmd, App& app, ReportOptions& o) {
    app.values(cmd->add_option("--lang", o.lang, _("Language of the HTML report: zh or en (default: the locale's)")),
               words({"zh", "en"}))
        ->check(CLI::IsMember({"zh", "en"}));
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
        add_lang_option(cmd, app, *o);
        cmd->footer("Example: svcdesk report daily --date yesterday --format html --lang zh --output /srv/reports/daily.html");
        app.command(cmd, {Access::read}, [&app, o] { run_daily(app, *o); });
    }
    {
        auto o = make_options<ReportOptions>();
        auto* cmd = report->add_subcommand("staff", "The monthly staff report (appraisal figures)");
        cmd->footer("Example: svcdesk report staff --month 2026-11 --format csv");
        add_month_options(app, cmd, *o);
        add_lang_option(cmd, app, *o);
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
