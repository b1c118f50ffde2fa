// Messages for people (issue 23): without a catalogue (the unit tests never call init_messages,
// so the locale is "C") every message is the English text, formatted; labels are the keys.
#include <svcdesk/error.hpp>
#include <svcdesk/io/labels.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

TEST_CASE("format_message formats the English text when there is no translation") {
    CHECK(format_message("ticket {} is {}", 42, "closed") == "ticket 42 is closed");
    CHECK(format_message("{:.2f} s", 1.5) == "1.50 s");
    CHECK(format_message("no arguments") == "no arguments");
}

TEST_CASE("fail throws the formatted message with its code") {
    CHECK_THROWS_WITH(fail(Code::not_found, "no ticket {}", 7), "no ticket 7");
    try {
        fail(Code::refused, "tag {} is in use", "A017");
    } catch (const Error& e) {
        CHECK(e.code() == Code::refused);
    }
}

TEST_CASE("labels are the keys in the C locale, and data is never taken for a key") {
    CHECK(field_label("first_response_at") == "first_response_at");
    CHECK(field_label("internal") == "internal"); // not a key: data
}
