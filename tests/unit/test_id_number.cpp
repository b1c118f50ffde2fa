// Identity-document numbers: the resident ID's structure (GB 11643-1999, ISO 7064 MOD 11-2),
// configured patterns of other documents, and ID numbers found in free text. Seed 001 §七 (a
// typo refused at the desk) and seed 004 §4-5 (data minimisation: no ID numbers in free text).
#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/id_in_text.hpp>
#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/error.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

namespace {

std::string problem(std::string_view id) { return resident_id_problem(id).value_or(""); }

// The ID numbers find_id_numbers sees in `text`, as written.
std::vector<std::string> found(std::string_view text) {
    std::vector<std::string> out;
    for (auto s : find_id_numbers(text))
        out.emplace_back(text.substr(s.begin, s.end - s.begin));
    return out;
}

const Config& site() {
    static const Config config = load_config_text("", "test");
    return config;
}

} // namespace

TEST_CASE("MOD 11-2 check characters of resident ID numbers") {
    CHECK(resident_id_check_char("11010519491231002") == 'X');
    CHECK(resident_id_check_char("11010119900307451") == '4');
    CHECK(resident_id_check_char("51010420000101777") == '7');
    CHECK(resident_id_check_char("32010219800101123") == '8');
}

TEST_CASE("valid resident ID numbers: 18 characters with the check digit, or the old 15 digits") {
    CHECK_FALSE(resident_id_problem("11010519491231002X")); // X check digit
    CHECK_FALSE(resident_id_problem("110101199003074514"));
    CHECK_FALSE(resident_id_problem("510104200001017777"));
    CHECK_FALSE(resident_id_problem("110105491231002"));    // 15-digit form, born 1949-12-31
    CHECK_FALSE(resident_id_problem("110105200002290013")); // leap day
}

TEST_CASE("invalid resident ID numbers name the reason, never the number") {
    CHECK(problem("110105194912310029") == "bad check digit (the last character does not match the "
                                           "ISO 7064 MOD 11-2 check of the first 17)");
    CHECK(problem("110101199003074515").starts_with("bad check digit"));
    CHECK(problem("110105194913310021") == "bad birth date (characters 7-14 are not a real date)");
    CHECK(problem("110105190002290017") ==
          "bad birth date (characters 7-14 are not a real date)"); // 1900: no leap
    CHECK(problem("110105491331002") == "bad birth date (characters 7-12 are not a real date)");
    CHECK(problem("11010519491231002") ==
          "a resident ID number has 18 characters (or 15 in the old form), not 17");
    CHECK(problem("1101051949123100211").find("not 19") != std::string::npos);
    CHECK(problem("11010519491231X021") ==
          "a resident ID number is 17 digits and a check digit (0-9 or X)");
    CHECK(problem("11010549123100X") ==
          "an old-form resident ID number (15 characters) has digits only");
    CHECK(problem("11010519491231002X").empty());
    // A birth date after today is a typo too.
    auto today = date::year_month_day{date::year{2026}, date::month{11}, date::day{23}};
    CHECK_FALSE(resident_id_problem("110105209901010020"));
    CHECK(resident_id_problem("110105209901010020", today).value_or("") ==
          "bad birth date (characters 7-14 are a date in the future)");
    for (auto id : {"110105194912310029", "110105194913310021", "11010519491231002"}) {
        CHECK(problem(id).find(id) == std::string::npos);
        CHECK(problem(id).find("1949") == std::string::npos);
    }
}

TEST_CASE("other documents are checked by the configured patterns") {
    const auto& policy = site().privacy;
    CHECK(policy.id_in_text == IdInText::refuse);
    CHECK_FALSE(id_number_problem("E12345678", IdType::passport, policy));
    CHECK(id_number_problem("E12", IdType::passport, policy).value_or("") ==
          "does not match the passport pattern ^[A-Z0-9]{5,17}$ ([privacy.id_patterns] passport)");
    CHECK_FALSE(id_number_problem("H123456789", IdType::hk_macau, policy));
    CHECK(id_number_problem("X123456789", IdType::hk_macau, policy));
    CHECK_FALSE(id_number_problem("12345678", IdType::taiwan, policy));
    CHECK(id_number_problem("1234567", IdType::taiwan, policy));
    CHECK_FALSE(id_number_problem("ABC123", IdType::other, policy));
    // --id-type resident is the structure, whatever the patterns say
    CHECK(id_number_problem("ABC123", IdType::resident, policy));
    CHECK(parse_id_type("hk_macau") == IdType::hk_macau);
    CHECK_THROWS_WITH(
        parse_id_type("visa"),
        "unknown ID type 'visa' (one of: resident, passport, hk_macau, taiwan, other)");
}

TEST_CASE("[privacy] config: patterns, the free-text mode and their errors") {
    auto config = load_config_text(
        "[privacy]\nid_in_text = \"mask\"\n[privacy.id_patterns]\npassport = \"^P[0-9]{7}$\"\n",
        "site.toml");
    CHECK(config.privacy.id_in_text == IdInText::mask);
    CHECK_FALSE(id_number_problem("P1234567", IdType::passport, config.privacy));
    CHECK(id_number_problem("E1234567", IdType::passport, config.privacy));
    CHECK(config.privacy.id_patterns.count(IdType::taiwan) == 1); // the built-in one stays
    CHECK_THROWS_WITH(load_config_text("[privacy]\nid_in_text = \"hide\"\n", "site.toml"),
                      "site.toml:2: privacy.id_in_text: 'hide' is not one of: refuse, mask");
    CHECK_THROWS_AS(load_config_text("[privacy.id_patterns]\nother = \"[A-Z\"\n", "site.toml"),
                    Error);
    CHECK_THROWS_AS(load_config_text("[privacy.id_patterns]\nresident = \"^.*$\"\n", "site.toml"),
                    Error);
    CHECK(load_config_text("[sla]\nmax_backdate_hours = 4\n", "site.toml").sla.max_backdate ==
          std::chrono::hours(4));
    CHECK(site().sla.max_backdate == std::chrono::hours(24));
    CHECK_THROWS_AS(load_config_text("[sla]\nmax_backdate_hours = -1\n", "site.toml"), Error);
}

TEST_CASE("ID numbers in free text are found, phones and other numbers are not") {
    CHECK(found("客户身份证11010519491231002X,请核实") ==
          std::vector<std::string>{"11010519491231002X"});
    CHECK(found("id 11010519491231002x.") == std::vector<std::string>{"11010519491231002x"});
    CHECK(found("110101199003074514") == std::vector<std::string>{"110101199003074514"});
    CHECK(found("old card 110105491231002 lost") == std::vector<std::string>{"110105491231002"});
    CHECK(found("110105 19491231 002X") == std::vector<std::string>{"110105 19491231 002X"});
    CHECK(found("110105-491231-002") == std::vector<std::string>{"110105-491231-002"});
    CHECK(found("１１０１０５１９４９１２３１００２Ｘ").size() == 1); // full-width digits
    CHECK(found("电话13800001111 110101199003074514") ==
          std::vector<std::string>{"110101199003074514"});
    // not ID numbers
    CHECK(found("请回电 13800001111 或 138-0000-1111").empty()); // phones
    CHECK(found("+86 138 0000 1111, 010-12345678, 2026-11-23 09:00, 3 件行李").empty());
    CHECK(found("110105194912310029").empty());  // the check digit does not match
    CHECK(found("1101051949123100211").empty()); // 19 digits: part of a longer number
    CHECK(found("订单号 11010519491231002X7").empty());
    CHECK(found("IMEI 352099001761481").empty()); // 15 digits, no birth date at 7-12
    CHECK(found("tracking 9400111899223100001234").empty());
    CHECK(found("").empty());
}

TEST_CASE("masking keeps the last 4 characters of each ID number") {
    std::string text = "身份证 11010519491231002X 与 110105 491231 002";
    auto spans = find_id_numbers(text);
    REQUIRE(spans.size() == 2);
    CHECK(mask_id_numbers(text, spans) == "身份证 **************002X 与 ****** *****1 002");
    CHECK(mask_id_numbers("abc", {}) == "abc");
}
