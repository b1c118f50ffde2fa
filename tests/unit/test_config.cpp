#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace svcdesk;

TEST_CASE("the built-in configuration describes the reference centre") {
    auto config = load_config_text("", "empty.toml");
    CHECK(config.time_zone == "Asia/Shanghai");
    REQUIRE(config.desks.size() == 3);
    CHECK(config.desks[0].id == "internal");
    CHECK(config.desks[1].id == "surgery");
    CHECK(config.desks[2].id == "emergency");
    CHECK(config.category("complaint").classes.size() == 5);
    CHECK(config.category("patient_escort").paid);
    CHECK(config.calendar.is_working_day(date::local_days(date::year(2026) / 11 / 23)));
    CHECK_FALSE(config.calendar.is_working_day(date::local_days(date::year(2026) / 10 / 1)));
    CHECK_THROWS_WITH(config.desk("lobby"), "unknown desk 'lobby' (one of: internal, surgery, emergency)");
}

// No ';' in test names: CMake's test discovery splits a name there, and the cut name then
// matches no test case, which doctest counts as a pass.
TEST_CASE("layers override key by key, arrays replace") {
    auto config = load_config_text(R"(
[site]
time_zone = "Europe/Berlin"

[[desks]]
id = "front"
name = "Front desk"
)",
                                   "site.toml");
    CHECK(config.time_zone == "Europe/Berlin");
    CHECK(config.site_name == "医院客服中心"); // untouched key from the built-in layer
    REQUIRE(config.desks.size() == 1);
    CHECK(config.desks[0].id == "front");
    CHECK(config.default_desk == "front" ); // built-in default "internal" is gone
    // The reference centre's per-desk settings for the desks the site replaced are dropped.
    CHECK(config.deposits.tag_pools.empty());
    CHECK(config.roster.coverage.empty());
    REQUIRE(config.import_profiles.count("la311") == 1);
    CHECK(config.import_profiles.at("la311").defaults.count("desk") == 0); // rows go to the default desk
    // A site file naming an unknown desk is still an error.
    CHECK_THROWS_WITH(load_config_text("[[desks]]\nid = \"front\"\nname = \"Front\"\n"
                                       "[deposits.tag_pools]\nlobby = \"1-50\"\n",
                                       "site.toml"),
                      doctest::Contains("site.toml:5: deposits.tag_pools.lobby: no desk 'lobby'"));
}

TEST_CASE("config errors name file, line and key") {
    CHECK_THROWS_WITH(load_config_text("[site]\n\ntime_zone = 5\n", "bad.toml"),
                      "bad.toml:3: site.time_zone: expected a string");
    CHECK_THROWS_WITH(load_config_text("[site]\ntime_zone = \"Mars/Base\"\n", "bad.toml"),
                      "bad.toml:2: site.time_zone: unknown time zone 'Mars/Base' (use an IANA name such as "
                      "Asia/Shanghai)");
    CHECK_THROWS_WITH(load_config_text("[sla.rules.nothing]\nrespond = \"1h\"\nresolve = \"2h\"\n", "bad.toml"),
                      "bad.toml:1: sla.rules.nothing: no category 'nothing' in [[categories]]");
    CHECK_THROWS_WITH(load_config_text("[sla.rules.default]\nrespond = \"soon\"\n", "bad.toml"),
                      "bad.toml:2: sla.rules.default.respond: invalid duration 'soon': use e.g. 30m, 2h, 1h30m, 3d");
    CHECK_THROWS_WITH(load_config_text("[calendar]\nworking_hours = \"18:00-08:00\"\n", "bad.toml"),
                      "bad.toml:2: calendar.working_hours: expected \"HH:MM-HH:MM\" with the end after the start");
    try {
        load_config_text("[site\nname = 1\n", "broken.toml");
        FAIL("accepted");
    } catch (const Error& e) {
        CHECK(e.code() == Code::internal);
        CHECK(std::string(e.what()).rfind("broken.toml:1:", 0) == 0);
    }
}

TEST_CASE("config check: a key that svcdesk does not read is an error, with its file and line") {
    CHECK_THROWS_WITH(load_config_text("[site]\nname = \"Clinic\"\ntime_zon = \"Asia/Tokyo\"\n", "site.toml"),
                      doctest::Contains("site.toml:3: site.time_zon: unknown setting"));
    CHECK_THROWS_WITH(load_config_text("[site]\nname = \"Clinic\"\n\n[sla2.rules]\nx = 1\n", "site.toml"),
                      doctest::Contains("site.toml:4: sla2: unknown setting")); // a whole unknown table
    CHECK_THROWS_WITH(load_config_text("[[desks]]\nid = \"front\"\nname = \"Front\"\ncolour = \"red\"\n", "site.toml"),
                      doctest::Contains("site.toml:4: desks[0].colour: unknown setting"));
    CHECK_THROWS_WITH(load_config_text("[import.profiles.la311.columns]\nexternal_ref = \"SRNumber\"\n"
                                       "[import.profiles.la311]\ndate_format = [\"%m/%d/%Y\"]\n",
                                       "site.toml"),
                      doctest::Contains("site.toml:4: import.profiles.la311.date_format: unknown setting"));
    // Every key of the shipped configuration is one that svcdesk reads.
    CHECK_NOTHROW(load_config_text(builtin_config_text(), "copy-of-the-shipped.toml"));
    // Other commands load leniently: an unknown key in a layered file is ignored.
    auto path = std::string("/tmp/svcdesk-test-config-typo-") + std::to_string(::getpid()) + ".toml";
    std::ofstream(path) << "[site]\nname = \"Clinic\"\nnmae = \"typo\"\n";
    ConfigSources sources;
    sources.optional_files = {path};
    CHECK(load_config(sources).site_name == "Clinic");
    std::remove(path.c_str());
}

TEST_CASE("files are layered in lookup order") {
    auto path = std::string("/tmp/svcdesk-test-config-") + std::to_string(::getpid()) + ".toml";
    std::ofstream(path) << "[site]\nname = \"Clinic\"\n";
    ConfigSources sources;
    sources.optional_files = {"/nonexistent/svcdesk.toml", path};
    CHECK(load_config(sources).site_name == "Clinic");
    sources.explicit_file = "/nonexistent/explicit.toml";
    CHECK_THROWS_WITH(load_config(sources), "/nonexistent/explicit.toml: cannot read config file");
    std::remove(path.c_str());
}

// Seed 000 §五.2 counts working days ("2 个工作日"), which only a calendar with the year's public
// holidays can count: the shipped one covers this year and the next, and one about to run out
// is reported (issue 19).
TEST_CASE("seed 000 5.2 - the working calendar warns within 60 days of its end") {
    auto day = [](int y, unsigned m, unsigned d) { return date::local_days(date::year(y) / m / d); };
    auto shipped = load_config_text("", "empty.toml");
    REQUIRE(shipped.calendar.known_until());
    CHECK(*shipped.calendar.known_until() >= day(2027, 10, 1));
    CHECK_FALSE(shipped.calendar.is_working_day(day(2027, 2, 8))); // Spring Festival 2027
    CHECK_FALSE(calendar_end_warning(shipped.calendar, day(2026, 12, 5)));

    WorkCalendar cal;
    CHECK_FALSE(cal.known_until()); // no holidays at all: nothing to run out of
    cal.holidays = {day(2026, 10, 1), day(2027, 1, 1)};
    CHECK(*cal.known_until() == day(2027, 1, 1));
    CHECK_FALSE(calendar_end_warning(cal, day(2026, 11, 1))); // 61 days before
    auto warning = calendar_end_warning(cal, day(2026, 11, 2));
    REQUIRE(warning);
    CHECK(warning->find("the working calendar ends on 2027-01-01") == 0);
    CHECK(calendar_end_warning(cal, day(2027, 3, 1))->find("ended on 2027-01-01") != std::string::npos);
    cal.valid_until = day(2027, 12, 31); // the site says how far its calendar goes
    CHECK_FALSE(calendar_end_warning(cal, day(2026, 12, 5)));
}
