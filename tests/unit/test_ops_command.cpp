// The dispatcher's half in the library (ops/command.hpp): one read snapshot or the one write
// transaction per command, the declared actor checked centrally, and a CommittedFailure that
// keeps what was written.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/command.hpp>
#include <svcdesk/ops/staff.hpp>
#include <svcdesk/ops/test_hook.hpp>
#include <svcdesk/ops/tickets.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace svcdesk;

namespace {

struct Centre {
    Config config = load_config_text("", "test.toml");
    std::unique_ptr<Store> store = open_store({":memory:"});
    Context ctx{config, *store, parse_time("2026-11-23T09:00", config.zone, Timestamp{}),
                std::string("boss")};

    Centre() {
        add_staff(ctx, {"boss", "杨昕", "internal", "supervisor,agent", ""});
        add_staff(ctx, {"a1", "张三", "internal", "agent", ""});
    }
    TicketId intake_one() {
        IntakeRequest r;
        r.category = "other";
        r.customer = "王女士";
        r.subject = "问路";
        return intake(ctx, r);
    }
    std::int64_t tickets() {
        std::int64_t n = 0;
        store->read([&] { n = store->tickets().count(); });
        return n;
    }
};

const CommandInfo k_write{Access::write, Actor::staff};

using svcdesk::testing::code_of;

} // namespace

TEST_CASE("a write command is one transaction: everything commits, or nothing") {
    Centre c;
    run_command(c.ctx, k_write, [&] {
        c.intake_one();
        c.intake_one();
    });
    CHECK(c.tickets() == 2);
    CHECK(code_of([&] {
              run_command(c.ctx, k_write, [&] {
                  c.intake_one(); // the op's own transaction joins the command's
                  fail(Code::refused, "a rule said no");
              });
          }) == Code::refused);
    CHECK(c.tickets() == 2);
}

TEST_CASE("a CommittedFailure commits what was written, then fails the command") {
    Centre c;
    try {
        run_command(c.ctx, k_write, [&] {
            c.intake_one();
            throw CommittedFailure(Code::refused, "refused, and the attempt is recorded");
        });
        FAIL("no failure");
    } catch (const CommittedFailure& e) {
        CHECK(e.code() == Code::refused);
        CHECK(std::string(e.what()) == "refused, and the attempt is recorded");
    }
    CHECK(c.tickets() == 1);
}

TEST_CASE(
    "the declared actor: the op's own refusal comes first, a missing check still writes nothing") {
    Centre c;
    c.ctx.actor = "a1";
    const CommandInfo dispose{Access::write, Actor::supervisor, "dispose of unclaimed deposits"};
    // An op that checks nothing: the declaration refuses, after the work, and rolls it back.
    CHECK_THROWS_WITH_AS(run_command(c.ctx, dispose, [&] { c.intake_one(); }),
                         "only a supervisor may dispose of unclaimed deposits; a1 is not one",
                         Error);
    CHECK(c.tickets() == 0);
    // The op's own error wins over the declaration's: it says what is wrong with the input.
    CHECK_THROWS_WITH_AS(
        run_command(c.ctx, dispose, [&] { fail(Code::invalid, "--method is empty"); }),
        "--method is empty", Error);
    c.ctx.actor.reset();
    CHECK(code_of([&] { run_command(c.ctx, k_write, [] {}); }) == Code::permission);
    c.ctx.actor = "ghost";
    CHECK(code_of([&] {
              run_command(c.ctx, {Access::read, Actor::staff}, [] {});
          }) == Code::permission);
    // A command needs a proven staff member unless it declares that anyone may run it (issue 18:
    // reading shows personal data, so a read needs someone too).
    CHECK(code_of([&] { run_command(c.ctx, {Access::read}, [] {}); }) == Code::permission);
    CHECK(code_of([&] { run_command(c.ctx, {Access::read, Actor::anyone}, [] {}); }) == Code{});
}

TEST_CASE("the declared actor is judged as the command starts: a supervisor may step down") {
    Centre c;
    add_staff(c.ctx, {"boss2", "李红", "internal", "supervisor", ""});
    const CommandInfo staff_edit{Access::write, Actor::supervisor, "add or change staff"};
    run_command(c.ctx, staff_edit, [&] { deactivate_staff(c.ctx, "boss"); }); // boss acts
    CHECK_FALSE(find_staff(c.ctx, "boss").active);
}

TEST_CASE("a read command runs in one snapshot, none and own just run") {
    Centre c;
    c.intake_one();
    std::int64_t seen = -1;
    run_command(c.ctx, {Access::read}, [&] { seen = c.store->tickets().count(); });
    CHECK(seen == 1);
    int runs = 0;
    run_command(c.ctx, {Access::none}, [&] { ++runs; });
    run_command(c.ctx, {Access::own, Actor::staff}, [&] { ++runs; });
    CHECK(runs == 2);
}

// docs/testing.md: SVCDESK_TEST_IMPORT_HOLD pauses an import on a sandbox database only.
TEST_CASE("the test hook holds on a sandbox database only") {
    Centre c;
    const auto dir =
        std::filesystem::temp_directory_path() / fmt::format("svcdesk-hold-{}", ::getpid());
    std::filesystem::create_directories(dir);
    const auto hold = dir / "hold", held = dir / "hold.held";
    std::ofstream(hold) << "x";
    ::setenv("SVCDESK_TEST_HOLD_UNIT", hold.c_str(), 1);
    hold_for_test(c.ctx, "SVCDESK_TEST_HOLD_UNIT"); // not a sandbox: returns at once
    CHECK_FALSE(std::filesystem::exists(held));
    c.store->write([&] { c.store->mark_sandbox(); });
    std::thread holder([&] { hold_for_test(c.ctx, "SVCDESK_TEST_HOLD_UNIT"); });
    for (int i = 0; i < 500 && !std::filesystem::exists(held); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(std::filesystem::exists(held)); // holding while `hold` exists
    std::filesystem::remove(hold);
    holder.join();
    CHECK_FALSE(std::filesystem::exists(held));
    ::unsetenv("SVCDESK_TEST_HOLD_UNIT");
    std::filesystem::remove_all(dir);
}
