// Roster commands: set, import, show, on-duty, gaps, hours, shifts.
#include "app.hpp"

#include <svcdesk/error.hpp>
#include <svcdesk/io/roster_records.hpp>
#include <svcdesk/ops/roster.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace svcdesk::cli {
namespace {

// Setting and importing shifts writes, as a staff member whose roles allow roster_edit.
constexpr CommandInfo k_roster_edit{Access::write, Actor::staff};

date::local_days day_of(App& app, const std::string& text) {
    auto& ctx = app.context();
    return date::local_days(parse_date(text, ctx.zone(), ctx.now));
}

date::local_days today(App& app) { return local_day(app.now(), app.config().zone); }

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

void check_set(const SetOptions& o) {
    if (o.clear == o.shift.has_value()) fail(Code::invalid, "give either a SHIFT or --clear");
}

void run_set(App& app, const SetOptions& o) {
    auto day = day_of(app, o.date);
    set_roster(app.context(), o.staff, day, o.clear ? std::nullopt : o.shift);
    app.say(o.clear ? format_message("cleared {} on {}", o.staff, format_day(day))
                    : format_message("{} works {} on {}", o.staff, *o.shift, format_day(day)));
}

void run_import(App& app, const std::string& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        fd = -1;
    }
    if (fd < 0) fail(Code::invalid, "{}: cannot read the file", file);
    if (!S_ISREG(st.st_mode)) app.read_once(); // a pipe: a second run would find it empty
    struct CloseFd {
        int fd;
        ~CloseFd() { ::close(fd); }
    } close_fd{fd};
    auto r = import_roster(app.context(), fd, file,
                           [](const std::string& row) { std::cerr << sanitize_for_terminal(row) << '\n'; });
    app.say(format_message("imported {} roster entries ({} cleared)", r.set, r.cleared));
}

void check_show(const ShowOptions& o) {
    if (o.date && o.week) fail(Code::invalid, "give --date or --week, not both");
}

void run_show(App& app, const ShowOptions& o) {
    auto day = o.date ? day_of(app, *o.date) : today(app);
    auto [from, to] = o.week ? week_of(day_of(app, *o.week)) : DayRange{day, day};
    auto zone = app.config().zone;
    Json records = Json::array();
    for (const auto& line : show_roster(app.context(), from, to, o.desk)) records.push_back(roster_line_json(line, zone));
    app.print_list(records, {field("date", "date"), field("desk", "desk"), field("staff", "staff"), field("name", "name"),
                             field("shift", "shift"), field("hours", "hours"), field("worked", "worked_hours")});
}

void run_on_duty(App& app, const OnDutyOptions& o) {
    auto& ctx = app.context();
    auto at = o.at ? ctx.parse_time(*o.at) : ctx.now;
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

void check_hours(const HoursOptions& o) {
    if (o.week.has_value() == o.month.has_value()) fail(Code::invalid, "give exactly one of --week D or --month YYYY-MM");
}

void run_hours(App& app, const HoursOptions& o) {
    auto [from, to] = o.week ? week_of(day_of(app, *o.week)) : month_days(parse_month(*o.month));
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
        app.values(cmd->add_option("staff", o->staff, "Staff id"), "staff")->required();
        cmd->add_option("date", o->date, "Date the shift starts (YYYY-MM-DD, today, tomorrow ...)")->required();
        app.values(cmd->add_option("shift", o->shift, "Shift template, e.g. early, night, day"),
                   "shift");
        cmd->add_flag("--clear", o->clear, "Remove the shift of that date");
        app.command(cmd, k_roster_edit, [&app, o] { run_set(app, *o); }, [o] { check_set(*o); });
    }
    {
        auto file = std::make_shared<std::string>();
        auto* cmd = roster->add_subcommand("import", "Import a CSV of staff,date,shift rows (all or nothing)");
        app.values(
               cmd->add_option("file", *file,
                               "CSV file with a header staff,date,shift; an empty shift clears"),
               k_file_values)
            ->required();
        app.command(cmd, k_roster_edit, [&app, file] { run_import(app, *file); });
    }
    {
        auto o = make_options<ShowOptions>();
        auto* cmd = roster->add_subcommand("show", "Show the roster of a day (default today) or a week");
        cmd->add_option("--date", o->date, "Day");
        cmd->add_option("--week", o->week, "Any day of the week (Monday to Sunday) to show");
        app.values(cmd->add_option("--desk", o->desk, "Only this desk"), "desk");
        app.command(cmd, {Access::read}, [&app, o] { run_show(app, *o); }, [o] { check_show(*o); });
    }
    {
        auto o = make_options<OnDutyOptions>();
        auto* cmd = roster->add_subcommand("on-duty", "Who is on duty now or at a time");
        cmd->footer("Example: svcdesk roster on-duty --desk emergency --role stretcher");
        cmd->add_option("--at", o->at, "Time (default now)");
        app.values(cmd->add_option("--desk", o->desk, "Only this desk"), "desk");
        app.values(cmd->add_option("--role", o->role, "Only staff with this role"), "role");
        app.command(cmd, {Access::read}, [&app, o] { run_on_duty(app, *o); });
    }
    {
        auto date_text = std::make_shared<std::optional<std::string>>();
        auto desk = std::make_shared<std::optional<std::string>>();
        auto* cmd = roster->add_subcommand("gaps", "Spans of a day below the coverage minimums (exit 0 either way)");
        cmd->add_option("--date", *date_text, "Day (default today)");
        app.values(cmd->add_option("--desk", *desk, "Only this desk"), "desk");
        app.command(cmd, {Access::read}, [&app, date_text, desk] { run_gaps(app, *date_text, *desk); });
    }
    {
        auto o = make_options<HoursOptions>();
        auto* cmd = roster->add_subcommand("hours", "Hours per staff member from the roster");
        cmd->add_option("--week", o->week, "Any day of the week (Monday to Sunday)");
        cmd->add_option("--month", o->month, "Month as YYYY-MM");
        app.values(cmd->add_option("--staff", o->staff, "Only this staff member"), "staff");
        app.values(cmd->add_option("--desk", o->desk, "Only this desk"), "desk");
        app.command(cmd, {Access::read}, [&app, o] { run_hours(app, *o); }, [o] { check_hours(*o); });
    }
    {
        auto* cmd = roster->add_subcommand("shifts", "List the shift templates of the configuration");
        app.command(cmd, {Access::none}, [&app] {
            Json records = Json::array();
            for (const auto& s : app.config().roster.shifts) {
                records.push_back({{"shift", s.name},
                                   {"label", s.label},
                                   {"hours", s.hours_text()},
                                   {"length", format_duration(s.nominal_length())}});
            }
            app.print_list(records, {field("shift", "shift"), field("label", "label"), field("hours", "hours"),
                                     field("length", "length")});
        });
    }
}

} // namespace svcdesk::cli
