// Phone numbers normalised as typed (issue 20, "Customers"): every spelling of one number ends up
// equal, so that a returning caller is found (seed 004: 客户档案, 联系方式); impossible numbers
// are refused where they are typed.
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

TEST_SUITE("phone") {

TEST_CASE("Chinese mobiles in every spelling become 11 digits") {
    for (const char* typed : {"13812345678", "138-1234-5678", "138 1234 5678", "138.1234.5678",
                              "+86 138 1234 5678", "+8613812345678", "0086 138 1234 5678",
                              "0086-13812345678", "86-138-1234-5678", "(+86) 138-1234-5678",
                              "+86-138-1234-5678", "１３８１２３４５６７８", "＋86 13812345678",
                              " 138 1234 5678 ", "138\xE3\x80\x80" "1234\xE3\x80\x80" "5678"}) {
        CAPTURE(typed);
        CHECK(normalize_phone(typed) == "13812345678");
    }
    CHECK(normalize_phone("19212345678") == "19212345678");
    CHECK(normalize_phone("130 0000 0000") == "13000000000");
}

TEST_CASE("Chinese landlines keep their area code and extension") {
    CHECK(normalize_phone("010-65528888") == "010-65528888");
    CHECK(normalize_phone("(010) 6552 8888") == "010-65528888");
    CHECK(normalize_phone("（010）65528888") == "010-65528888");
    CHECK(normalize_phone("01065528888") == "010-65528888");
    CHECK(normalize_phone("+86 10 6552 8888") == "010-65528888");
    CHECK(normalize_phone("+86 (0)10 6552 8888") == "010-65528888");
    CHECK(normalize_phone("0086 21 6432 1234") == "021-64321234");
    CHECK(normalize_phone("0755.8888.6666") == "0755-88886666");
    CHECK(normalize_phone("(0571)87654321") == "0571-87654321");
    CHECK(normalize_phone("0571-8765432") == "0571-8765432"); // 7-digit subscriber, 3-digit area
    CHECK(normalize_phone("010-65528888-8001") == "010-65528888-8001");
    CHECK(normalize_phone("010-65528888转8001") == "010-65528888-8001");
    CHECK(normalize_phone("010 6552 8888 分机 8001") == "010-65528888-8001");
    CHECK(normalize_phone("0571 8765 4321 ext. 88") == "0571-87654321-88");
    CHECK(normalize_phone("028-88881234#12") == "028-88881234-12");
    CHECK(normalize_phone("4008001234") == "4008001234");
    CHECK(normalize_phone("400-800-1234") == "4008001234");
    // The canonical form reads back as itself.
    for (const char* c : {"13812345678", "010-65528888", "010-65528888-8001", "0571-8765432",
                          "4008001234", "+16502530000", "+442079460958"})
        CHECK(normalize_phone(c) == c);
}

TEST_CASE("numbers of other countries become E.164") {
    CHECK(normalize_phone("+1 650 253 0000") == "+16502530000");
    CHECK(normalize_phone("001 (650) 253-0000") == "+16502530000");
    CHECK(normalize_phone("+44 20 7946 0958") == "+442079460958");
    CHECK(normalize_phone("+852 2123 4567") == "+85221234567");
    CHECK(normalize_phone("00852-2123-4567") == "+85221234567");
    CHECK(normalize_phone("+81 3-1234-5678") == "+81312345678");
    CHECK(normalize_phone("+1 650 253 0000 x 12") == "+16502530000;ext=12");
}

TEST_CASE("site.default_country reads numbers typed without a prefix") {
    CHECK(normalize_phone("650-253-0000", "US") == "+16502530000");
    CHECK(normalize_phone("1 (650) 253-0000", "US") == "+16502530000");
    CHECK(normalize_phone("011 86 138 1234 5678", "US") == "13812345678");
    CHECK(normalize_phone("2123 4567", "HK") == "+85221234567");
    CHECK(normalize_phone("020 7946 0958", "GB") == "+442079460958");
    CHECK(normalize_phone("+86 138 1234 5678", "hk") == "13812345678");
    CHECK(known_phone_country("CN"));
    CHECK_FALSE(known_phone_country("XX"));
}

TEST_CASE("impossible numbers are refused naming the number") {
    auto refused = [](const char* typed, const char* why) {
        CAPTURE(typed);
        CHECK_THROWS_WITH_AS(normalize_phone(typed),
                             (std::string("impossible phone number '") + typed + "': " + why).c_str(),
                             Error);
        CHECK_FALSE(try_normalize_phone(typed));
    };
    const char* wrong_length =
        "a Chinese mobile has 11 digits (1[3-9]…), a landline its area code and 7 or 8 digits";
    refused("1381234567", wrong_length);      // a digit missing
    refused("138123456789", wrong_length);    // one too many
    refused("12812345678", wrong_length);     // no mobile starts 12
    refused("010 6552 888", wrong_length);    // Beijing has 8-digit subscribers
    refused("021-1234567", wrong_length);
    refused("65528888", "a landline needs its area code (e.g. 010-65528888)");
    refused("95588", "a landline needs its area code (e.g. 010-65528888)");
    refused("13812345678x", "an extension marker without digits");
    refused("138-1234-5678 ext 5", wrong_length); // a mobile has no extension
    refused("abc", "'a' has no place in a phone number");
    refused("138 1234 567８a", "'a' has no place in a phone number");
    refused("138+12345678", "'+' has no place in a phone number");
    refused("+999 1234567", "no country has this calling code");
    refused("+86 128 1234 5678", "it is no Chinese mobile or landline number");
    refused("+852 2123 456", "the numbers of that country have 8 digits");
    refused("+1 650 253 00001", "the numbers of that country have 10 digits");
    refused("+44 1234 5678 9012 3456", "an international number has 5 to 15 digits after the +");
    refused("---", "it has no digits");
    CHECK_THROWS_WITH_AS(normalize_phone(""), "the phone number is empty", Error);
    try {
        normalize_phone("1381234567");
    } catch (const Error& e) {
        CHECK(e.code() == Code::invalid);
    }
}

} // TEST_SUITE
