// Masking of personal data in output (SPEC §5; issue 18, seed 004 §4-5 confidentiality): names
// and phones, as exports and reports show them unless a supervisor reveals them.
#include <svcdesk/text.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

TEST_CASE(
    "mask_name keeps the first character of a Chinese name and two letters of each Latin word") {
    CHECK(mask_name("王小明") == "王**");
    CHECK(mask_name("王五") == "王*");
    CHECK(mask_name("欧阳娜娜") == "欧***");
    CHECK(mask_name("John Smith") == "Jo** Sm***");
    CHECK(mask_name("Li Wei") == "L* We*"); // a two-letter word keeps one: something stays hidden
    CHECK(mask_name("José Müller") == "Jo** Mü****"); // letters, not bytes
    CHECK(mask_name("김민수") == "김**");
    CHECK(mask_name("王　小明") == "王　小*"); // the ideographic space separates words too
    CHECK(mask_name("王") == "王");
    CHECK(mask_name("") == "");
}

TEST_CASE("mask_phone keeps the first 3 and last 4 digits of a full number") {
    CHECK(mask_phone("13812345678") == "138****5678");
    CHECK(mask_phone("+86 138 1234 5678") == "+86 1** **** 5678");
    CHECK(mask_phone("1234567") == "12*4567");
}
