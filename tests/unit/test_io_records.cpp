// JSON shapes of records (io/records.hpp, io/deposit_records.hpp): keys, their order and values.
#include <svcdesk/io/deposit_records.hpp>
#include <svcdesk/io/records.hpp>

#include <doctest/doctest.h>

using namespace svcdesk;

namespace {

Zone shanghai() { return find_zone("Asia/Shanghai"); }
Timestamp at(const char* text) { return parse_time(text, shanghai(), Timestamp{}); }

std::vector<std::string> keys(const Json& record) {
    std::vector<std::string> out;
    for (const auto& [k, v] : record.items()) out.push_back(k);
    return out;
}

} // namespace

TEST_CASE("audit records: every key, absent values null, times in the site zone") {
    AuditEvent e{7,
                 at("2026-11-23T10:00"),
                 std::string("boss"),
                 "export.reveal",
                 std::string("tickets"),
                 std::nullopt,
                 std::nullopt};
    auto j = audit_json(e, shanghai());
    CHECK(keys(j) ==
          std::vector<std::string>{"id", "at", "actor", "action", "subject", "detail", "hash"});
    CHECK(j["id"] == 7);
    CHECK(j["at"] == "2026-11-23T10:00:00+08:00");
    CHECK(j["actor"] == "boss");
    CHECK(j["subject"] == "tickets");
    CHECK(j["detail"].is_null());
    CHECK(j["hash"].is_null());
    CHECK(audit_json(AuditEvent{}, shanghai())["actor"].is_null());
}

TEST_CASE("handover rows: one per deposit handed over, carrying the handover") {
    HandoverDetail d;
    d.handover.id = 3;
    d.handover.desk = "internal";
    d.handover.at = at("2026-11-23T16:00");
    d.handover.from_staff = "a1";
    d.handover.to_staff = "a2";
    d.handover.contents = {{12, "A017", 2, "行李箱", at("2026-11-22T09:30"), false},
                           {15, "A020", 1, "雨伞", at("2026-11-23T11:00"), true}};
    auto rows = handover_rows_json(d, shanghai());
    REQUIRE(rows.size() == 2);
    CHECK(keys(rows[0]) == std::vector<std::string>{"handover", "desk", "at", "from", "to", "deposit", "tag", "pieces",
                                                    "items", "since", "lost"});
    CHECK(rows[0]["handover"] == "H3");
    CHECK(rows[0]["at"] == "2026-11-23T16:00:00+08:00");
    CHECK(rows[1]["deposit"] == 15);
    CHECK(rows[1]["since"] == "2026-11-23T11:00:00+08:00");
    CHECK(rows[1]["lost"] == true);
    // The rows agree with the record they are a view of.
    auto record = handover_json(d, shanghai());
    for (size_t i = 0; i < rows.size(); ++i) {
        for (auto key : {"deposit", "tag", "pieces", "items", "since", "lost"}) {
            CHECK(rows[i][key] == record["contents"][i][key]);
        }
        CHECK(rows[i]["handover"] == record["id"]);
    }
    CHECK(handover_rows_json(HandoverDetail{}, shanghai()).empty());
}
