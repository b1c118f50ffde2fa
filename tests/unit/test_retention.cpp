// Retention (issue 24; seed 004: 存储期限; PIPL art. 19, 47): when a ticket's personal data may
// go, what a purge leaves of its history, and the [retention] settings.
#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/retention.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;
using namespace std::chrono_literals;

namespace {
Timestamp at_second(long long s) { return Timestamp(std::chrono::seconds(s)); }
} // namespace

TEST_CASE("a ticket may be purged its period after its end, and no earlier than its callbacks allow") {
    RetentionPolicy policy;
    policy.tickets = 24h * 365;
    policy.complaints = 24h * 365 * 3;
    policy.callbacks = 24h * 30;
    TicketEnd end{true, at_second(0), false, false, std::nullopt};
    CHECK(ticket_purge_time(end, policy) == at_second(0) + 24h * 365);
    end.complaint = true; // seed 000: complaints are kept longer
    CHECK(ticket_purge_time(end, policy) == at_second(0) + 24h * 365 * 3);
    end.complaint = false;
    end.last_callback = at_second(0) + 24h * 360;
    CHECK(ticket_purge_time(end, policy) == at_second(0) + 24h * 390);
    end.callback_pending = true; // a call still to make needs the phone
    CHECK_FALSE(ticket_purge_time(end, policy));
    end.callback_pending = false;
    end.ended = false; // open tickets are never purged
    CHECK_FALSE(ticket_purge_time(end, policy));
}

TEST_CASE("a purge erases the personal fields of a history event and keeps what reports read") {
    std::vector<FieldChange> changes = {{"customer", "王小明", "王晓明"},
                                        {"phone", std::nullopt, "13812345678"},
                                        {"subject", "a", "b"},
                                        {"something_new", "x", "y"},
                                        {"assignee", "a1", "a2"},
                                        {"status", "new", "assigned"},
                                        {"resolve_due", "1", "2"},
                                        {"closed_at", std::nullopt, "3"}};
    auto erased = erase_personal_changes(changes);
    const std::string e(k_erased_text);
    CHECK(erased[0].old_value == e);
    CHECK(erased[0].new_value == e);
    CHECK_FALSE(erased[1].old_value); // nothing stays nothing
    CHECK(erased[1].new_value == e);
    CHECK(erased[2].new_value == e);
    CHECK(erased[3].new_value == e); // a field not known to be impersonal is erased
    for (std::size_t i = 4; i < changes.size(); ++i) {
        CHECK(erased[i].old_value == changes[i].old_value);
        CHECK(erased[i].new_value == changes[i].new_value);
    }
    CHECK(is_impersonal_detail("approved_by"));
    CHECK(is_impersonal_detail("tag"));
    CHECK_FALSE(is_impersonal_detail("proxy"));
    CHECK_FALSE(is_impersonal_detail("items"));
}

TEST_CASE("the key of a purged caller is distinct and never a phone") {
    CHECK(erased_phone_key(12) == "#12");
    CHECK(erased_phone_key(12) != erased_phone_key(1));
    CHECK(is_erased_phone_key(erased_phone_key(3)));
    CHECK_FALSE(is_erased_phone_key("13812345678"));
}

TEST_CASE("[retention] periods: defaults, overrides, at least a day") {
    auto config = load_config_text("", "empty.toml");
    CHECK(config.retention.complaints == 24h * 365 * 3);
    CHECK(config.retention.tickets == 24h * 365);
    config = load_config_text("[retention]\ndeposits = \"30d\"\n", "r.toml");
    CHECK(config.retention.deposits == 24h * 30);
    CHECK_THROWS_WITH(load_config_text("[retention]\nloans = \"12h\"\n", "r.toml"),
                      "r.toml:2: retention.loans: must be at least 1d (a day)");
}
