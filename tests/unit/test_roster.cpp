// Shift arithmetic and coverage gaps (domain/roster), and the [roster] config section.
#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/permissions.hpp>
#include <svcdesk/domain/roster.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {

const Config& site() {
    static const Config config = load_config_text("", "test.toml");
    return config;
}

date::local_days day(const char* text) {
    return date::local_days(parse_date(text, site().zone, Timestamp{}));
}

Timestamp at(const char* text, Zone zone = site().zone) { return parse_time(text, zone, Timestamp{}); }

Staff person(std::string id, std::string desk, std::string roles, bool active = true) {
    return Staff{id, id, desk, parse_roles(roles), "", active};
}

std::vector<Duty> duties(const std::vector<Staff>& staff, const std::vector<RosterEntry>& entries,
                         Zone zone = site().zone) {
    return duties_of(entries, staff, site().roster, zone);
}

std::string spans(const std::vector<Gap>& gaps, Zone zone = site().zone) {
    std::string out;
    for (const auto& g : gaps) {
        out += (out.empty() ? "" : " ") + g.desk + "/" + g.role + "/" + date::format("%d %H:%M", to_local(g.span.from, zone)) +
               "-" + date::format("%d %H:%M", to_local(g.span.to, zone));
    }
    return out;
}

} // namespace

TEST_CASE("shift parts: a range ending at or before its start crosses midnight") {
    auto night = parse_shift_part("23:00-07:30");
    CHECK(night.start == 23h);
    CHECK(night.end == 31h + 30min);
    CHECK(format_shift_part(night) == "23:00-07:30");
    CHECK(parse_shift_part("00:00-24:00").end == 24h);
    CHECK_THROWS_AS(parse_shift_part("7:30 to 15:30"), Error);
    CHECK_THROWS_AS(parse_shift_part("24:00-07:00"), Error);
}

TEST_CASE("the seed-001 shift templates are shipped under their names") {
    const auto& roster = site().roster;
    for (const char* name : {"early", "middle", "night", "dispatch_early", "dispatch_late", "escort_early", "escort_middle",
                             "escort_night", "day", "day_late"}) {
        CHECK_MESSAGE(roster.find_shift(name) != nullptr, name);
    }
    CHECK(roster.shift("night").hours_text() == "23:00-07:30");
    CHECK(roster.shift("escort_night").nominal_length() == 14h + 30min);
    CHECK(roster.shift("day").hours_text() == "07:30-11:30,13:30-17:00");
    CHECK(roster.shift("day_late").nominal_length() == 7h);
    CHECK_THROWS_WITH_AS(roster.shift("late"), doctest::Contains("unknown shift 'late'"), Error);
}

TEST_CASE("a night shift started on the 23rd covers 02:00 on the 24th") {
    const auto& night = site().roster.shift("night");
    auto spans_ = shift_intervals(night, day("2026-11-23"), site().zone);
    REQUIRE(spans_.size() == 1);
    CHECK(spans_[0].from == at("2026-11-23T23:00"));
    CHECK(spans_[0].to == at("2026-11-24T07:30"));
    CHECK(spans_[0].contains(at("2026-11-24T02:00")));
    CHECK_FALSE(spans_[0].contains(at("2026-11-24T07:30"))); // the end is exclusive: handover
    CHECK(shift_duration(night, day("2026-11-23"), site().zone) == 8h + 30min);

    auto staff = std::vector<Staff>{person("n1", "emergency", "green_channel")};
    auto d = duties(staff, {{"n1", day("2026-11-23"), "night"}});
    CHECK(on_duty_at(d, at("2026-11-24T02:00")).size() == 1);
    CHECK(on_duty_at(d, at("2026-11-23T02:00")).empty());
}

TEST_CASE("a split shift is off duty in its break") {
    auto staff = std::vector<Staff>{person("d1", "internal", "specimen")};
    auto d = duties(staff, {{"d1", day("2026-11-23"), "day"}});
    REQUIRE(d.size() == 2);
    CHECK(on_duty_at(d, at("2026-11-23T11:00")).size() == 1);
    CHECK(on_duty_at(d, at("2026-11-23T12:00")).empty());
    CHECK(on_duty_at(d, at("2026-11-23T14:00")).size() == 1);
    CHECK(shift_duration(site().roster.shift("day"), day("2026-11-23"), site().zone) == 7h + 30min);
}

TEST_CASE("shifts over a month end and a year end run into the next day") {
    const auto& night = site().roster.shift("night");
    auto jan = shift_intervals(night, day("2026-01-31"), site().zone);
    CHECK(jan[0].to == at("2026-02-01T07:30"));
    auto feb = shift_intervals(night, day("2026-02-28"), site().zone);
    CHECK(feb[0].to == at("2026-03-01T07:30"));
    auto year = shift_intervals(site().roster.shift("escort_night"), day("2026-12-31"), site().zone);
    CHECK(year[0].from == at("2026-12-31T17:00"));
    CHECK(year[0].to == at("2027-01-01T07:30"));
}

TEST_CASE("daylight saving: shifts last the real elapsed time (Europe/Berlin)") {
    auto berlin = find_zone("Europe/Berlin");
    const auto& night = site().roster.shift("night");
    // 2026-03-29 02:00 → 03:00: the night of the 28th is one hour shorter.
    CHECK(shift_duration(night, day("2026-03-28"), berlin) == 7h + 30min);
    // 2026-10-25 03:00 → 02:00: the night of the 24th is one hour longer.
    CHECK(shift_duration(night, day("2026-10-24"), berlin) == 9h + 30min);
    CHECK(shift_duration(night, day("2026-11-23"), berlin) == 8h + 30min);
    CHECK(shift_duration(site().roster.shift("early"), day("2026-03-29"), berlin) == 8h);
    auto spans_ = shift_intervals(night, day("2026-03-28"), berlin);
    CHECK(format_iso(spans_[0].to, berlin) == "2026-03-29T07:30:00+02:00");
    // A shift starting inside the skipped hour starts when the clocks jump.
    ShiftTemplate odd{"odd", "", {parse_shift_part("02:30-06:00")}};
    CHECK(format_iso(shift_intervals(odd, day("2026-03-29"), berlin)[0].from, berlin) == "2026-03-29T03:00:00+02:00");
    CHECK(shift_duration(odd, day("2026-03-29"), berlin) == 3h);
}

TEST_CASE("coverage gaps on small hand-made rosters") {
    CoverageRule anyone{"emergency", std::nullopt, 1, {}};
    auto staff = std::vector<Staff>{person("n0", "emergency", "green_channel"), person("e1", "emergency", "green_channel"),
                                    person("m1", "emergency", "stretcher"), person("n1", "emergency", "green_channel"),
                                    person("x1", "internal", "escort")};
    auto d23 = day("2026-11-23");

    SUBCASE("nobody at all: the whole day") {
        CHECK(spans(coverage_gaps({anyone}, {}, d23, site().zone)) == "emergency/any/23 00:00-24 00:00");
    }
    SUBCASE("last night's shift covers the morning, so only the evening is open") {
        auto d = duties(staff, {{"n0", d23 - date::days(1), "night"}, {"e1", d23, "early"}});
        CHECK(spans(coverage_gaps({anyone}, d, d23, site().zone)) == "emergency/any/23 15:30-24 00:00");
    }
    SUBCASE("early, middle and night: no gap; other desks do not count") {
        auto d = duties(staff, {{"n0", d23 - date::days(1), "night"}, {"e1", d23, "early"}, {"m1", d23, "middle"},
                                {"n1", d23, "night"}, {"x1", d23, "escort_night"}});
        CHECK(coverage_gaps({anyone}, d, d23, site().zone).empty());
        CoverageRule stretcher{"emergency", "stretcher", 1, {}};
        CHECK(spans(coverage_gaps({stretcher}, d, d23, site().zone)) ==
              "emergency/stretcher/23 00:00-23 15:30 emergency/stretcher/23 23:00-24 00:00");
    }
    SUBCASE("a deactivated member does not count") {
        auto inactive = staff;
        inactive[1].active = false;
        auto d = duties(inactive, {{"n0", d23 - date::days(1), "night"}, {"e1", d23, "early"}, {"m1", d23, "middle"},
                                   {"n1", d23, "night"}});
        CHECK(spans(coverage_gaps({anyone}, d, d23, site().zone)) == "emergency/any/23 07:30-23 15:30");
    }
    SUBCASE("minimum two during daily hours; the fewest on duty is reported") {
        CoverageRule two{"emergency", std::nullopt, 2, {parse_shift_part("07:30-21:30")}};
        auto d = duties(staff, {{"e1", d23, "early"}, {"n1", d23, "day"}});
        auto gaps = coverage_gaps({two}, d, d23, site().zone);
        CHECK(spans(gaps) == "emergency/any/23 11:30-23 13:30 emergency/any/23 15:30-23 21:30");
        REQUIRE(gaps.size() == 2);
        CHECK(gaps[0].on_duty == 1);
        CHECK(gaps[1].on_duty == 0);
        CHECK(gaps[1].minimum == 2);
    }
}

TEST_CASE("overlap between a person's consecutive shifts") {
    const auto& r = site().roster;
    auto d = day("2026-11-23");
    CHECK(overlap(r.shift("night"), d, r.shift("early"), d + date::days(1), site().zone) == std::nullopt); // touching
    CHECK(overlap(r.shift("escort_night"), d, r.shift("day_late"), d + date::days(1), site().zone) == std::nullopt);
    auto o = overlap(r.shift("escort_night"), d, r.shift("night"), d + date::days(1), site().zone);
    CHECK(o == std::nullopt);
    ShiftTemplate seven{"seven", "", {parse_shift_part("07:00-15:00")}};
    auto clash = overlap(r.shift("night"), d, seven, d + date::days(1), site().zone);
    REQUIRE(clash);
    CHECK(clash->from == at("2026-11-24T07:00"));
    CHECK(clash->to == at("2026-11-24T07:30"));
}

TEST_CASE("roster config: coverage over midnight splits, bad hours name the key") {
    auto config = load_config_text(R"(
[roster.shifts.late]
hours = ["21:00-02:00"]
[[roster.coverage]]
desk = "internal"
role = "dispatcher"
minimum = 2
hours = ["21:00-07:00"]
)", "site.toml");
    CHECK(config.roster.shift("late").nominal_length() == 5h);
    CHECK(config.roster.find_shift("night") != nullptr); // built-in templates stay
    REQUIRE(config.roster.coverage.size() == 1);         // the array replaces the built-in one
    const auto& rule = config.roster.coverage[0];
    REQUIRE(rule.hours.size() == 2);
    CHECK(format_shift_part(rule.hours[0]) == "00:00-07:00");
    CHECK(format_shift_part(rule.hours[1]) == "21:00-24:00");
    CHECK_THROWS_WITH_AS(load_config_text("[roster.shifts.bad]\nhours = [\"7-15\"]\n", "site.toml"),
                         doctest::Contains("site.toml:2"), Error);
    CHECK_THROWS_WITH_AS(load_config_text("[roster.shifts.bad]\nhours = [\"07:00-12:00\", \"11:00-15:00\"]\n", "site.toml"),
                         doctest::Contains("overlap"), Error);
    CHECK_THROWS_WITH_AS(load_config_text("[[roster.coverage]]\ndesk = \"moon\"\n", "site.toml"),
                         doctest::Contains("no desk 'moon'"), Error);
    CHECK_THROWS_AS(load_config_text("[roster]\nduty_check = \"sometimes\"\n", "site.toml"), Error);
}

TEST_CASE("roles table: supervisors may do all, agents ticket work, field roles no assigning") {
    auto boss = person("b", "internal", "supervisor");
    auto agent = person("a", "internal", "agent");
    auto escort = person("e", "internal", "escort");
    auto dispatcher = person("d", "internal", "dispatcher");
    for (const auto& rule : permission_table()) CHECK(may(boss, rule.permission));
    CHECK(may(agent, Permission::ticket_work));
    CHECK(may(agent, Permission::ticket_assign));
    CHECK(may(agent, Permission::deposit_work));
    CHECK_FALSE(may(agent, Permission::deposit_dispose));
    CHECK_FALSE(may(agent, Permission::reveal));
    CHECK_FALSE(may(agent, Permission::roster_edit));
    CHECK(may(escort, Permission::ticket_work));
    CHECK_FALSE(may(escort, Permission::ticket_assign));
    CHECK(may(dispatcher, Permission::roster_edit));
    CHECK_FALSE(may(dispatcher, Permission::staff_edit));
    CHECK(allowed_roles_text(Permission::roster_edit) == "supervisor, dispatcher");
}
