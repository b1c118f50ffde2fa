// Roster use cases on an in-memory database: set, import, hours, and the duty check of assign.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/tickets.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {

struct Centre {
    Config config = load_config_text("", "test.toml");
    std::unique_ptr<Store> store = open_store({":memory:"});
    Context ctx{config, *store, parse_time("2026-11-24T02:00", config.zone, Timestamp{}), std::string("boss")};

    Centre() {
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
        add_staff(ctx, {"a2", "李四", "internal", "agent", ""});
        add_staff(ctx, {"e1", "王五", "emergency", "green_channel", ""});
    }
    date::local_days day(const char* text) { return date::local_days(parse_date(text, config.zone, ctx.now)); }
    std::size_t entries() {
        std::size_t n = 0;
        store->read([&] { n = static_cast<std::size_t>(store->roster().count()); });
        return n;
    }
    // A roster file with `text`, removed with the centre.
    std::string file(const std::string& text) {
        static int serial = 0;
        auto path = (std::filesystem::temp_directory_path() /
                     ("svcdesk-roster-" + std::to_string(::getpid()) + "-" + std::to_string(++serial) + ".csv"))
                        .string();
        std::ofstream(path) << text;
        files.push_back(path);
        return path;
    }
    ~Centre() {
        for (const auto& path : files) std::filesystem::remove(path);
    }
    Centre(const Centre&) = delete;
    Centre& operator=(const Centre&) = delete;

  private:
    std::vector<std::string> files;
};

// The bad rows the last import_file reported one by one.
std::vector<std::string> bad_rows;

// The CLI opens the file; the op reads the descriptor.
RosterImportResult import_file(Context& ctx, const std::string& path) {
    bad_rows.clear();
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    struct CloseFd {
        int fd;
        ~CloseFd() { ::close(fd); }
    } close_fd{fd};
    return import_roster(ctx, fd, path, [&](const std::string& row) { bad_rows.push_back(row); });
}

} // namespace

TEST_CASE("roster set: replace, clear, overlap refused, inactive refused, roles checked") {
    Centre c;
    set_roster(c.ctx, "a1", c.day("2026-11-23"), "night");
    set_roster(c.ctx, "a1", c.day("2026-11-23"), "middle"); // one shift per person per date
    CHECK(c.entries() == 1);
    set_roster(c.ctx, "a1", c.day("2026-11-23"), "night");
    set_roster(c.ctx, "a1", c.day("2026-11-22"), "escort_night"); // ends 07:30 on the 23rd: no overlap
    set_roster(c.ctx, "a1", c.day("2026-11-24"), "early");        // starts when the night ends
    set_roster(c.ctx, "a1", c.day("2026-11-24"), std::nullopt);
    ShiftTemplate seven{"seven", "", {parse_shift_part("07:00-15:00")}};
    c.config.roster.shifts.push_back(seven);
    CHECK_THROWS_WITH_AS(set_roster(c.ctx, "a1", c.day("2026-11-24"), "seven"),
                         doctest::Contains("overlaps the night shift of 2026-11-23"), Error);
    CHECK_THROWS_AS(set_roster(c.ctx, "a1", c.day("2026-11-24"), "late"), Error);
    CHECK_THROWS_AS(set_roster(c.ctx, "ghost", c.day("2026-11-24"), "early"), Error);

    set_roster(c.ctx, "a1", c.day("2026-11-23"), std::nullopt);
    CHECK(c.entries() == 1); // the escort_night of the 22nd
    try {
        set_roster(c.ctx, "a1", c.day("2026-11-23"), std::nullopt);
        FAIL("clearing an empty day must fail");
    } catch (const Error& e) {
        CHECK(e.code() == Code::not_found);
    }

    c.ctx.actor = "a2"; // an agent may not edit the roster
    try {
        set_roster(c.ctx, "a1", c.day("2026-11-25"), "early");
        FAIL("agent edited the roster");
    } catch (const Error& e) {
        CHECK(e.code() == Code::permission);
    }
    c.ctx.actor = "boss";
    deactivate_staff(c.ctx, "a2");
    try {
        set_roster(c.ctx, "a2", c.day("2026-11-25"), "early");
        FAIL("deactivated member rostered");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
    }
}

TEST_CASE("roster import is all or nothing and names the bad line") {
    Centre c;
    auto good = c.file("staff,date,shift\na1,2026-11-23,night\na2,2026-11-23,day\ne1,2026-11-23,early\n");
    auto r = import_file(c.ctx, good);
    CHECK(r.set == 3);
    CHECK(c.entries() == 3);

    auto bad = c.file("date,shift,staff\n2026-11-24,early,a1\n2026-11-24,middle,a2\n2026-11-24,lunch,e1\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, bad), doctest::Contains((bad + ":4: unknown shift 'lunch'").c_str()), Error);
    CHECK(c.entries() == 3);

    auto twice = c.file("staff,date,shift\na1,2026-11-25,early\n\"a1\",2026-11-25,middle\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, twice), doctest::Contains(":3: a1 on 2026-11-25 is already given on line 2"),
                         Error);
    auto clash = c.file("staff,date,shift\na1,2026-11-22,escort_night\nghost,2026-11-22,early\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, clash), doctest::Contains(":3: no staff member 'ghost'"), Error);
    CHECK(c.entries() == 3);

    auto clear = c.file("staff,date,shift\na1,2026-11-23,\n");
    CHECK(import_file(c.ctx, clear).cleared == 1);
    CHECK(c.entries() == 2);
}

TEST_CASE("hours per week and month count each shift on the day it starts") {
    Centre c;
    auto f = c.file("staff,date,shift\na1,2026-11-30,night\na1,2026-12-01,day\na1,2026-11-29,early\n");
    import_file(c.ctx, f);
    auto nov = roster_hours(c.ctx, c.day("2026-11-01"), c.day("2026-11-30"), std::string("a1"));
    REQUIRE(nov.size() == 1);
    CHECK(nov[0].shifts == 2);
    CHECK(nov[0].worked == 16h + 30min);
    auto week = roster_hours(c.ctx, week_start(c.day("2026-12-02")), week_start(c.day("2026-12-02")) + date::days(6));
    REQUIRE(week.size() == 4);
    for (const auto& h : week) CHECK(h.worked == (h.staff.id == "a1" ? 16h : 0h));
}

TEST_CASE("assign: off duty or another desk is refused, --force is recorded") {
    Centre c; // now: 02:00 on the 24th
    IntakeRequest r;
    r.category = "consultation";
    r.customer = "王女士";
    r.subject = "门诊时间";
    auto id = intake(c.ctx, r);

    // No roster at the internal desk yet: only the desk is checked.
    CHECK(assignment_problem(c.ctx, c.ctx.store.tickets().find(id).value(), c.ctx.store.staff().find("a2").value()) ==
          std::nullopt);
    set_roster(c.ctx, "a1", c.day("2026-11-23"), "night");
    set_roster(c.ctx, "a2", c.day("2026-11-23"), "day");
    try {
        assign(c.ctx, id, "a2", false, std::nullopt);
        FAIL("off-duty assignment accepted");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
        CHECK(std::string(e.what()).find("a2 is not on duty at 2026-11-24 02:00") != std::string::npos);
        CHECK(std::string(e.what()).find("on duty at the internal desk now: a1 张三 (night until 07:30)") != std::string::npos);
    }
    try {
        assign(c.ctx, id, "e1", false, std::nullopt);
        FAIL("other-desk assignment accepted");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("e1 belongs to the emergency desk") != std::string::npos);
    }
    assign(c.ctx, id, "a1", false, std::nullopt);
    assign(c.ctx, id, "a2", true, std::string("night staff busy"));
    auto history = show_ticket(c.ctx, id).history;
    const auto& last = history.back();
    CHECK(last.actor == "boss");
    REQUIRE(!last.changes.empty());
    CHECK(last.changes[0].field == "force");
    CHECK(last.changes[0].new_value.value().find("a2 is not on duty") != std::string::npos);

    c.config.roster.duty_check = DutyCheck::off;
    assign(c.ctx, id, "e1", false, std::nullopt);
}

TEST_CASE("roster import reads CSV with the import reader: BOM, CRLF, quotes, blank lines") {
    Centre c;
    auto f = c.file("\xEF\xBB\xBFstaff,date,shift\r\n\"a1\",2026-11-23,\"night\"\r\n\r\na2,2026-11-23,day\r\n");
    CHECK(import_file(c.ctx, f).set == 2);
    CHECK(c.entries() == 2);

    auto empty = c.file("\n\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, empty), (empty + ": empty file; expected a header staff,date,shift").c_str(),
                         Error);
    auto header = c.file("staff,day,shift\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, header),
                         (header + ":1: the header must name the columns staff, date, shift").c_str(), Error);
    auto fields = c.file("staff,date,shift\na1,2026-11-24\na2,2026-11-24,day,extra\n");
    // Every bad row is reported (issue 21), then one error with the count.
    CHECK_THROWS_WITH_AS(import_file(c.ctx, fields), (fields + ": 2 bad rows; nothing was imported").c_str(), Error);
    CHECK(bad_rows == std::vector<std::string>{fields + ":2: 2 fields, expected 3", fields + ":3: 4 fields, expected 3"});
    // A record the reader cannot split stops the import at its line, before anything is checked.
    auto quote = c.file("staff,date,shift\na1,2026-11-24,early\n\"a2\"x,2026-11-24,day\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, quote), doctest::Contains((quote + ":3: text after the closing quote").c_str()),
                         Error);
    auto open_quote = c.file("staff,date,shift\na1,2026-11-24,\"early\n");
    CHECK_THROWS_WITH_AS(import_file(c.ctx, open_quote),
                         (open_quote + ":2: quoted field is not closed before the end of the input").c_str(), Error);
    CHECK(c.entries() == 2);
}
