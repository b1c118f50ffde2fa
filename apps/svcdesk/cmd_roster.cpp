// Roster commands: set, import, show, on-duty, gaps, hours, shifts.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/io/roster_records.hpp>
#include <svcdesk/ops/roster.hpp>

namespace svcdesk::cli {
namespace {

date::local_days day_of(App& app, const std::string& text) {
    auto& ctx = app.context();
    return date::local_days(parse_date(text, ctx.zone(), ctx.now));
}

date::local_days today(App& app) { return local_day(app.now(), app.config().zone); }

std::string day_text(date::local_days day) { return format_date(date::year_month_day(day)); }

struct SetOptions {
    std::string staff, date;
    std::optional<std::string> shift;
    bool clear = false;
};

struct ShowOptions {
    std::optional<std::string> date, week, desk;
};

struct OnDutyOptions {
    std::optional<std::string> at, desk, role;
};

struct HoursOptions {
    std::optional<std::string> week, month, staff, desk;
};

void run_set(App& app, const SetOptions& o) {
    if (o.clear == o.shift.has_value()) fail(Code::invalid, "give either a SHIFT or --clear");
    auto day = day_of(app, o.date);
    set_roster(app.context(), o.staff, day, o.clear ? std::nullopt : o.shift);
    app.say(o.clear ? fmt::format("cleared {} on {}", o.staff, day_text(day))
                    : fmt::format("{} works {} on {}", o.staff, *o.shift, day_text(day)));
}

void run_show(App& app, const ShowOptions& o) {
    if (o.date && o.week) fail(Code::invalid, "give --date or --week, not both");
    date::local_days from = o.date ? day_of(app, *o.date) : today(app), to = from;
    if (o.week) {
        from = week_start(day_of(app, *o.week));
        to = from + date::days(6);
    }
    auto zone = app.config().zone;
    Json records = Json::array();
    for (const auto& line : show_roster(app.context(), from, to, o.desk)) records.push_back(roster_line_json(line, zone));
    app.print_list(records, {field("date", "date"), field("desk", "desk"), field("staff", "staff"), field("name", "name"),
                             field("shift", "shift"), field("hours", "hours"), field("worked", "worked_hours")});
}

void run_on_duty(App& app, const OnDutyOptions& o) {
    auto& ctx = app.context();
    auto at = o.at ? parse_time(*o.at, ctx.zone(), ctx.now) : ctx.now;
    Json records = Json::array();
    for (const auto& d : roster_on_duty(ctx, at, o.desk, o.role)) records.push_back(duty_json(d, ctx.zone()));
    app.print_list(records, {field("desk", "desk"), field("staff", "staff"), field("name", "name"),
                             field("roles", "roles"), field("shift", "shift"), field("from", "from"),
                             field("until", "until")});
}

void run_gaps(App& app, const std::optional<std::string>& date_text, const std::optional<std::string>& desk) {
    auto day = date_text ? day_of(app, *date_text) : today(app);
    auto zone = app.config().zone;
    Json records = Json::array();
    for (const auto& g : roster_gaps(app.context(), day, desk)) records.push_back(gap_json(g, day, zone));
    app.print_list(records, {field("desk", "desk"), field("role", "role"), field("time", "interval"),
                             field("on duty", "on_duty"), field("minimum", "minimum")});
}

void run_hours(App& app, const HoursOptions& o) {
    if (o.week.has_value() == o.month.has_value()) fail(Code::invalid, "give exactly one of --week D or --month YYYY-MM");
    date::local_days from, to;
    if (o.week) {
        from = week_start(day_of(app, *o.week));
        to = from + date::days(6);
    } else {
        auto month = parse_month(*o.month);
        from = date::local_days(month / date::day(1));
        to = date::local_days(month / date::last);
    }
    Json records = Json::array();
    for (const auto& h : roster_hours(app.context(), from, to, o.staff, o.desk)) records.push_back(hours_json(h));
    app.print_list(records, {field("staff", "staff"), field("name", "name"), field("desk", "desk"),
                             field("shifts", "shifts"), field("hours", "hours")});
}

} // namespace

void register_roster_commands(CLI::App& cli, App& app) {
    auto* roster = cli.add_subcommand("roster", "Shifts, who is on duty, coverage gaps and hours");
    roster->require_subcommand(1);
    {
        auto o = make_options<SetOptions>();
        auto* cmd = roster->add_subcommand("set", "Set (or --clear) a staff member's shift on a date");
        cmd->footer("Example: svcdesk --as boss roster set s002 2026-11-24 early");
        cmd->add_option("staff", o->staff, "Staff id")->required();
        cmd->add_option("date", o->date, "Date the shift starts (YYYY-MM-DD, today, tomorrow ...)")->required();
        cmd->add_option("shift", o->shift, "Shift template, e.g. early, night, day");
        cmd->add_flag("--clear", o->clear, "Remove the shift of that date");
        cmd->callback([&app, o] { app.action = [&app, o] { run_set(app, *o); }; });
    }
    {
        auto file = std::make_shared<std::string>();
        auto* cmd = roster->add_subcommand("import", "Import a CSV of staff,date,shift rows (all or nothing)");
        cmd->add_option("file", *file, "CSV file with a header staff,date,shift; an empty shift clears")->required();
        cmd->callback([&app, file] {
            app.action = [&app, file] {
                auto r = import_roster(app.context(), *file);
                app.say(fmt::format("imported {} roster entries ({} cleared)", r.set, r.cleared));
            };
        });
    }
    {
        auto o = make_options<ShowOptions>();
        auto* cmd = roster->add_subcommand("show", "Show the roster of a day (default today) or a week");
        cmd->add_option("--date", o->date, "Day");
        cmd->add_option("--week", o->week, "Any day of the week (Monday to Sunday) to show");
        cmd->add_option("--desk", o->desk, "Only this desk");
        cmd->callback([&app, o] { app.action = [&app, o] { run_show(app, *o); }; });
    }
    {
        auto o = make_options<OnDutyOptions>();
        auto* cmd = roster->add_subcommand("on-duty", "Who is on duty now or at a time");
        cmd->footer("Example: svcdesk roster on-duty --desk emergency --role stretcher");
        cmd->add_option("--at", o->at, "Time (default now)");
        cmd->add_option("--desk", o->desk, "Only this desk");
        cmd->add_option("--role", o->role, "Only staff with this role");
        cmd->callback([&app, o] { app.action = [&app, o] { run_on_duty(app, *o); }; });
    }
    {
        auto date_text = std::make_shared<std::optional<std::string>>();
        auto desk = std::make_shared<std::optional<std::string>>();
        auto* cmd = roster->add_subcommand("gaps", "Spans of a day below the coverage minimums (exit 0 either way)");
        cmd->add_option("--date", *date_text, "Day (default today)");
        cmd->add_option("--desk", *desk, "Only this desk");
        cmd->callback([&app, date_text, desk] { app.action = [&app, date_text, desk] { run_gaps(app, *date_text, *desk); }; });
    }
    {
        auto o = make_options<HoursOptions>();
        auto* cmd = roster->add_subcommand("hours", "Hours per staff member from the roster");
        cmd->add_option("--week", o->week, "Any day of the week (Monday to Sunday)");
        cmd->add_option("--month", o->month, "Month as YYYY-MM");
        cmd->add_option("--staff", o->staff, "Only this staff member");
        cmd->add_option("--desk", o->desk, "Only this desk");
        cmd->callback([&app, o] { app.action = [&app, o] { run_hours(app, *o); }; });
    }
    {
        auto* cmd = roster->add_subcommand("shifts", "List the shift templates of the configuration");
        cmd->callback([&app] {
            app.action = [&app] {
                Json records = Json::array();
                for (const auto& s : app.config().roster.shifts) {
                    records.push_back({{"shift", s.name},
                                       {"label", s.label},
                                       {"hours", s.hours_text()},
                                       {"length", format_duration(s.nominal_length())}});
                }
                app.print_list(records, {field("shift", "shift"), field("label", "label"), field("hours", "hours"),
                                         field("length", "length")});
            };
        });
    }
}

} // namespace svcdesk::cli
