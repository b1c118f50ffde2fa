#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/roster.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace svcdesk {
namespace {

std::string clock_at(Timestamp t, Zone zone) { return date::format("%H:%M", to_local(t, zone)); }

// Which existing entry of the same person the shift `shift` on `day` collides with, if any.
std::optional<std::string> collision(const Context& ctx, const std::map<date::local_days, std::string>& shifts,
                                     date::local_days day, const ShiftTemplate& shift) {
    for (auto other_day : {day - date::days(1), day + date::days(1)}) {
        auto it = shifts.find(other_day);
        if (it == shifts.end()) continue;
        const auto* other = ctx.config.roster.find_shift(it->second);
        if (!other) continue;
        if (auto span = overlap(*other, other_day, shift, day, ctx.zone())) {
            return format_message("{} on {} overlaps the {} shift of {} ({} to {})", shift.name, format_day(day),
                               other->name, format_day(other_day), format_local(span->from, ctx.zone()),
                               format_local(span->to, ctx.zone()));
        }
    }
    return std::nullopt;
}

std::map<date::local_days, std::string> shifts_around(Context& ctx, const std::string& staff, date::local_days from,
                                                      date::local_days to) {
    std::map<date::local_days, std::string> out;
    for (const auto& e : ctx.store.roster().range(from - date::days(1), to + date::days(1), staff)) out[e.day] = e.shift;
    return out;
}

std::vector<Duty> duties_between(Context& ctx, date::local_days from, date::local_days to,
                                 const std::optional<std::string>& desk) {
    auto entries = ctx.store.roster().range(from, to, std::nullopt, desk);
    return duties_of(entries, ctx.store.staff().list(true), ctx.config.roster, ctx.zone());
}

} // namespace

void set_roster(Context& ctx, const std::string& staff_id, date::local_days day, const std::optional<std::string>& shift) {
    const ShiftTemplate* tmpl = shift ? &ctx.config.roster.shift(*shift) : nullptr;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::roster_edit);
        auto staff = ctx.store.staff().find(staff_id);
        if (!staff) fail(Code::not_found, "no staff member '{}'", staff_id);
        if (!tmpl) {
            if (!ctx.store.roster().clear(staff_id, day)) {
                fail(Code::not_found, "{} has no shift on {}", staff_id, format_day(day));
            }
            return;
        }
        if (!staff->active) fail(Code::refused, "staff member {} is deactivated and cannot be rostered", staff_id);
        auto around = shifts_around(ctx, staff_id, day, day);
        if (auto problem = collision(ctx, around, day, *tmpl)) fail(Code::refused, "{}: {}", staff_id, *problem);
        ctx.store.roster().set({staff_id, day, tmpl->name}, actor.id, ctx.now);
    });
}

RosterImportResult import_roster(Context& ctx, int fd, const std::string& path,
                                 const std::function<void(const std::string&)>& bad_row) {
    auto reader = make_csv_reader(fd, path, true);
    const auto& header = reader->columns();
    if (header.empty()) fail(Code::invalid, "{}: empty file; expected a header staff,date,shift", path);
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
    for (const char* name : {"staff", "date", "shift"}) {
        if (!column.count(name)) fail(Code::invalid, "{}:1: the header must name the columns staff, date, shift", path);
    }
    // The whole file is read first: a roster is small, and a record the reader cannot split then
    // stops the import before any check (as a file that cannot be read does).
    struct Line {
        size_t line = 0;
        std::vector<std::string> fields;
    };
    std::vector<Line> lines;
    Record record;
    while (reader->next(record)) {
        // A record the reader cannot split (quoting, UTF-8) ends the import at once; a wrong
        // field count (error_column npos) is one bad row among the others, reported below.
        if (record.error && record.error_column != std::string_view::npos) {
            fail(Code::invalid, "{}:{}: {}", path, record.line, *record.error);
        }
        lines.push_back({static_cast<size_t>(record.line), {record.fields.begin(), record.fields.end()}});
    }

    struct Row {
        size_t line;
        RosterEntry entry; // empty shift: clear
    };
    RosterImportResult result;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::roster_edit);
        std::vector<std::pair<size_t, std::string>> errors; // line, message
        auto error = [&](size_t line, std::string problem) {
            errors.push_back({line, fmt::format("{}:{}: {}", path, line, problem)});
        };
        std::vector<Row> rows;
        std::map<std::pair<std::string, date::local_days>, size_t> seen;
        std::map<std::string, std::optional<Staff>> staff_cache;
        for (const auto& rec : lines) {
            auto get = [&](const char* name) { return rec.fields[column[name]]; };
            if (rec.fields.size() != header.size()) {
                error(rec.line, format_message("{} fields, expected {}", rec.fields.size(), header.size()));
                continue;
            }
            Row row{rec.line, {get("staff"), {}, get("shift")}};
            auto& staff = staff_cache.try_emplace(row.entry.staff, std::nullopt).first->second;
            if (!staff) staff = ctx.store.staff().find(row.entry.staff);
            try {
                auto date_text = get("date");
                auto ymd = parse_date(date_text, ctx.zone(), ctx.now);
                row.entry.day = date::local_days(ymd);
                if (!staff) fail(Code::invalid, "no staff member '{}'", row.entry.staff);
                if (!row.entry.shift.empty()) {
                    ctx.config.roster.shift(row.entry.shift);
                    if (!staff->active) fail(Code::invalid, "staff member {} is deactivated", staff->id);
                }
            } catch (const Error& e) {
                error(row.line, e.what());
                continue;
            }
            auto [it, fresh] = seen.try_emplace({row.entry.staff, row.entry.day}, row.line);
            if (!fresh) {
                error(row.line, format_message("{} on {} is already given on line {}", row.entry.staff,
                                            format_day(row.entry.day), it->second));
                continue;
            }
            rows.push_back(std::move(row));
        }
        // Overlaps are checked on the roster as it will be after the import.
        std::map<std::string, std::map<date::local_days, std::string>> after;
        std::map<std::string, std::pair<date::local_days, date::local_days>> bounds;
        for (const auto& row : rows) {
            auto [b, fresh] = bounds.try_emplace(row.entry.staff, row.entry.day, row.entry.day);
            b->second.first = std::min(b->second.first, row.entry.day);
            b->second.second = std::max(b->second.second, row.entry.day);
        }
        for (const auto& [staff, b] : bounds) after[staff] = shifts_around(ctx, staff, b.first, b.second);
        for (const auto& row : rows) {
            if (row.entry.shift.empty()) after[row.entry.staff].erase(row.entry.day);
            else after[row.entry.staff][row.entry.day] = row.entry.shift;
        }
        for (const auto& row : rows) {
            if (row.entry.shift.empty()) continue;
            const auto& tmpl = ctx.config.roster.shift(row.entry.shift);
            if (auto problem = collision(ctx, after[row.entry.staff], row.entry.day, tmpl)) {
                error(row.line, fmt::format("{}: {}", row.entry.staff, *problem));
            }
        }
        if (!errors.empty()) {
            // Every bad row is told (issue 21), in the order of the file, then one error.
            std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            if (errors.size() == 1) fail(Code::invalid, "{}", errors.front().second);
            for (const auto& e : errors) bad_row(e.second);
            fail(Code::invalid, "{}: {} bad rows; nothing was imported", path, errors.size());
        }
        for (const auto& row : rows) {
            if (row.entry.shift.empty()) {
                if (ctx.store.roster().clear(row.entry.staff, row.entry.day)) ++result.cleared;
            } else {
                ctx.store.roster().set(row.entry, actor.id, ctx.now);
                ++result.set;
            }
        }
    });
    return result;
}

std::vector<RosterLine> show_roster(Context& ctx, date::local_days from, date::local_days to,
                                    const std::optional<std::string>& desk) {
    if (desk) ctx.config.desk(*desk);
    std::vector<RosterLine> out;
    ctx.store.read([&] {
        std::map<std::string, Staff> staff;
        for (auto& s : ctx.store.staff().list(true)) staff.emplace(s.id, s);
        for (const auto& e : ctx.store.roster().range(from, to, std::nullopt, desk)) {
            RosterLine line{e, staff.at(e.staff), ctx.config.roster.find_shift(e.shift), {}, minutes(0)};
            if (line.shift) {
                line.spans = shift_intervals(*line.shift, e.day, ctx.zone());
                line.worked = shift_duration(*line.shift, e.day, ctx.zone());
            }
            out.push_back(std::move(line));
        }
    });
    std::stable_sort(out.begin(), out.end(), [](const RosterLine& a, const RosterLine& b) {
        return std::tie(a.entry.day, a.staff.desk) < std::tie(b.entry.day, b.staff.desk);
    });
    return out;
}

std::vector<Duty> roster_on_duty(Context& ctx, Timestamp at, const std::optional<std::string>& desk,
                                 const std::optional<std::string>& role) {
    if (desk) ctx.config.desk(*desk);
    if (role) parse_roles(*role);
    std::vector<Duty> out;
    ctx.store.read([&] {
        auto day = local_day(at, ctx.zone());
        out = on_duty_at(duties_between(ctx, earliest_covering_day(day), day, desk), at, desk, role);
    });
    std::stable_sort(out.begin(), out.end(), [](const Duty& a, const Duty& b) {
        return std::tie(a.staff.desk, a.staff.id) < std::tie(b.staff.desk, b.staff.id);
    });
    return out;
}

std::vector<Gap> roster_gaps(Context& ctx, date::local_days day, const std::optional<std::string>& desk) {
    if (desk) ctx.config.desk(*desk);
    auto rules = ctx.config.roster.coverage;
    if (desk) std::erase_if(rules, [&](const CoverageRule& r) { return r.desk != *desk; });
    std::vector<Gap> out;
    ctx.store.read([&] { out = coverage_gaps(rules, duties_between(ctx, earliest_covering_day(day), day, desk), day, ctx.zone()); });
    auto desk_index = [&](const std::string& id) {
        const auto& desks = ctx.config.desks;
        return std::find_if(desks.begin(), desks.end(), [&](const Desk& d) { return d.id == id; }) - desks.begin();
    };
    std::stable_sort(out.begin(), out.end(), [&](const Gap& a, const Gap& b) {
        return std::make_pair(desk_index(a.desk), a.span.from) < std::make_pair(desk_index(b.desk), b.span.from);
    });
    return out;
}

std::vector<StaffHours> roster_hours(Context& ctx, date::local_days from, date::local_days to,
                                     const std::optional<std::string>& staff_id, const std::optional<std::string>& desk) {
    if (desk) ctx.config.desk(*desk);
    std::vector<StaffHours> out;
    ctx.store.read([&] {
        std::map<std::string, size_t> index;
        if (staff_id) {
            auto s = ctx.store.staff().find(*staff_id);
            if (!s) fail(Code::not_found, "no staff member '{}'", *staff_id);
            out.push_back({*s});
        } else {
            for (auto& s : ctx.store.staff().list(true)) {
                if (!desk || s.desk == *desk) out.push_back({s});
            }
        }
        for (size_t i = 0; i < out.size(); ++i) index[out[i].staff.id] = i;
        for (const auto& e : ctx.store.roster().range(from, to, staff_id, desk)) {
            auto it = index.find(e.staff);
            const auto* shift = ctx.config.roster.find_shift(e.shift);
            if (it == index.end() || !shift) continue;
            out[it->second].shifts += 1;
            out[it->second].worked += shift_duration(*shift, e.day, ctx.zone());
        }
    });
    // Deactivated members appear only when they worked in the period.
    std::erase_if(out, [&](const StaffHours& h) { return !h.staff.active && h.shifts == 0 && !staff_id; });
    return out;
}

std::optional<std::string> assignment_problem(Context& ctx, const Ticket& ticket, const Staff& assignee,
                                              bool for_people) {
    // English for history and the audit trail (records read the same in every locale); the
    // user's language for the refusal.
    // (SVCDESK_TEXT: the same literal checked by fmt both ways; po/extract.sh collects it)
#define SVCDESK_TEXT(...) (for_people ? format_message(__VA_ARGS__) : fmt::format(__VA_ARGS__))
    const auto& roster = ctx.config.roster;
    if (roster.duty_check == DutyCheck::off) return std::nullopt;
    std::vector<std::string> problems;
    if (assignee.desk != ticket.desk) {
        problems.push_back(SVCDESK_TEXT("{} belongs to the {} desk, not the ticket's {} desk", assignee.id,
                                   assignee.desk, ticket.desk));
    }
    auto day = local_day(ctx.now, ctx.zone());
    auto desk_entries = ctx.store.roster().range(earliest_covering_day(day), day, std::nullopt, ticket.desk);
    bool check_duty = roster.duty_check == DutyCheck::always || !desk_entries.empty();
    std::vector<Duty> desk_on_duty;
    if (check_duty) {
        desk_on_duty = on_duty_at(duties_of(desk_entries, ctx.store.staff().list(true), roster, ctx.zone()), ctx.now);
        auto own = on_duty_at(duties_between(ctx, earliest_covering_day(day), day, assignee.desk), ctx.now);
        bool on_duty = std::any_of(own.begin(), own.end(), [&](const Duty& d) { return d.staff.id == assignee.id; });
        if (!on_duty)
            problems.push_back(SVCDESK_TEXT("{} is not on duty at {}", assignee.id,
                                       format_local(ctx.now, ctx.zone())));
    }
    if (problems.empty()) return std::nullopt;
    std::string text =
        SVCDESK_TEXT("cannot assign ticket {} to {}: {}", ticket.id, assignee.id, problems.front());
    for (size_t i = 1; i < problems.size(); ++i) text += "; " + problems[i];
    if (check_duty) {
        std::string names;
        std::set<std::string> listed;
        for (const auto& d : desk_on_duty) {
            if (!listed.insert(d.staff.id).second) continue;
            names += (names.empty() ? "" : ", ") + SVCDESK_TEXT("{} {} ({} until {})", d.staff.id, d.staff.name,
                                                          d.entry.shift, clock_at(d.span.to, ctx.zone()));
        }
        text += names.empty() ? SVCDESK_TEXT("; nobody is on duty at the {} desk now", ticket.desk)
                              : SVCDESK_TEXT("; on duty at the {} desk now: {}", ticket.desk, names);
    }
    return text;
#undef SVCDESK_TEXT
}

} // namespace svcdesk
