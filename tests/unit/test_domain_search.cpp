// Issue 20, "Search": what a search text means and how a hit is shown.
#include <svcdesk/domain/search.hpp>

#include "support.hpp"

#include <doctest/doctest.h>

using namespace svcdesk;
using svcdesk::testing::code_of;

TEST_CASE("search terms split at ASCII and ideographic spaces, and a blank text is refused") {
    CHECK(search_terms("漏水") == std::vector<std::string>{"漏水"});
    CHECK(search_terms("  电梯　故障 printer ") == std::vector<std::string>{"电梯", "故障", "printer"});
    CHECK(code_of([] { search_terms("   "); }) == Code::invalid);
    CHECK(code_of([] { search_terms(""); }) == Code::invalid);
    CHECK(code_of([] { search_terms("a\nb"); }) == Code::invalid);
}

TEST_CASE("a snippet is the line of the first match, cut around it, the match marked") {
    CHECK(search_snippet("洗衣机漏水\n\n", {"漏水"}) == "洗衣机[漏水]");
    CHECK(search_snippet("subject\nThe PRINTER jams", {"printer"}) == "The [PRINTER] jams");
    CHECK(search_snippet("一二三四五六七八九十漏水一二三四五", {"漏水"}, 3) == "…八九十[漏水]一二三…");
    CHECK(search_snippet("abc\ndef", {"zzz"}).empty());
}
