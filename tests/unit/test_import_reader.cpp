#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>
#include <svcdesk/io/jsonl_reader.hpp>
#include <svcdesk/io/source_time.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

using namespace svcdesk;

namespace {

struct Rows {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> fields;
    std::vector<std::int64_t> lines;
    std::vector<std::string> errors, raws;
};

// Reads `text` through a temporary file, as the CLI reads a file descriptor.
Rows read_all(const std::string& text, bool jsonl = false, std::vector<std::string> columns = {}) {
    std::FILE* f = std::tmpfile();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fflush(f);
    ::lseek(fileno(f), 0, SEEK_SET);
    auto reader = jsonl ? make_jsonl_reader(fileno(f), "t", columns) : make_csv_reader(fileno(f), "t");
    Rows rows;
    rows.columns = reader->columns();
    Record r;
    while (reader->next(r)) {
        rows.fields.emplace_back(r.fields.begin(), r.fields.end());
        rows.lines.push_back(r.line);
        rows.errors.push_back(r.error.value_or(""));
        rows.raws.emplace_back(r.raw);
    }
    std::fclose(f);
    return rows;
}

} // namespace

TEST_CASE("csv reader: quoting, line numbers and raw rows") {
    auto rows = read_all("\xEF\xBB\xBF" "a,b\r\n1,\"x,\"\"y\"\"\r\nz\"\r\n\r\n2,\n3,\"open");
    CHECK(rows.columns == std::vector<std::string>{"a", "b"});
    REQUIRE(rows.fields.size() == 3);
    CHECK(rows.fields[0] == std::vector<std::string>{"1", "x,\"y\"\r\nz"});
    CHECK(rows.lines == std::vector<std::int64_t>{2, 5, 6});
    CHECK(rows.raws[0] == "1,\"x,\"\"y\"\"\r\nz\"\r\n");
    CHECK(rows.fields[1] == std::vector<std::string>{"2", ""});
    CHECK(rows.errors[2] == "quoted field is not closed before the end of the input");
}

TEST_CASE("csv reader: field count, invalid UTF-8 and bare quotes") {
    auto rows = read_all("a,b\n1\n\xff,2\n12\" TV,ok\n\"q\"x,1\n");
    CHECK(rows.errors[0].starts_with("row has 1 fields; the header has 2"));
    CHECK(rows.errors[1] == "not valid UTF-8 (convert the file to UTF-8)");
    CHECK(rows.errors[2].empty());
    CHECK(rows.fields[2][0] == "12\" TV");
    CHECK(rows.errors[3].starts_with("text after the closing quote"));
    CHECK_THROWS_AS(read_all(""), Error);
}

TEST_CASE("csv reader: records straddling the buffer") {
    std::string text = "id,text\n";
    for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",\"" + std::string(100, 'x') + "\n" + "y\"\n";
    auto rows = read_all(text);
    REQUIRE(rows.fields.size() == 20000);
    CHECK(rows.lines.back() == 2 + 2 * 19999);
    CHECK(rows.fields.back()[1] == std::string(100, 'x') + "\ny");
}

TEST_CASE("jsonl reader") {
    auto rows = read_all("{\"a\": \"x\", \"n\": 5}\n\n{\"a\": null}\nnot json\n[1]\n", true, {"a", "n"});
    REQUIRE(rows.fields.size() == 4);
    CHECK(rows.fields[0] == std::vector<std::string>{"x", "5"});
    CHECK(rows.fields[1] == std::vector<std::string>{"", ""});
    CHECK(rows.lines == std::vector<std::int64_t>{1, 3, 4, 5});
    CHECK(rows.errors[2].starts_with("invalid JSON"));
    CHECK(rows.errors[3].starts_with("expected a JSON object"));
}

TEST_CASE("source times: formats and zones") {
    std::vector<SourceTimeFormat> formats{SourceTimeFormat("%m/%d/%Y %I:%M:%S %p")};
    auto la = find_zone("America/Los_Angeles");
    ZoneConverter conv(la);
    auto t = parse_source_time("12/31/2017 11:59:58 PM", formats, conv, la);
    REQUIRE(t);
    CHECK(format_iso(*t, find_zone("UTC")) == "2018-01-01T07:59:58+00:00");
    t = parse_source_time("07/04/2017 12:00:00 AM", formats, conv, la); // PDT, midnight
    CHECK(format_iso(*t, find_zone("UTC")) == "2017-07-04T07:00:00+00:00");
    CHECK_FALSE(parse_source_time("02/30/2017 10:00:00 AM", formats, conv, la));
    CHECK_FALSE(parse_source_time("12/31/2017 13:00:00 PM", formats, conv, la));
    CHECK_FALSE(parse_source_time("12/31/2017 11:59:58", formats, conv, la));
    CHECK_THROWS_AS(SourceTimeFormat("%Q"), Error);
}

TEST_CASE("import profiles: the shipped la311 and validation") {
    auto config = load_config_text("", "test");
    const auto& p = config.import_profiles.at("la311");
    CHECK(p.columns.at("external_ref") == "SRNumber");
    CHECK(p.values.at("status").values.at("Referred Out").value == "closed");
    CHECK(p.values.at("category").fallback->value == "other");
    CHECK_THROWS_WITH(load_config_text("[import.profiles.x.columns]\ncolour = \"c\"\n", "bad.toml"),
                      doctest::Contains("'colour' is not a ticket field"));
    CHECK_THROWS_WITH(load_config_text("[import.profiles.x.columns]\ncreated_at = \"c\"\n", "bad.toml"),
                      doctest::Contains("external_ref is required"));
    CHECK_THROWS_WITH(load_config_text("[import.profiles.x.columns]\nexternal_ref = \"id\"\n"
                                       "[import.profiles.x.values.channel]\nCall = \"fone\"\n",
                                       "bad.toml"),
                      doctest::Contains("unknown channel 'fone'"));
}
