// Output for people (issue 23): tables cut to the terminal's width by display width, numbers as
// percentages and durations, Markdown that shows data as written, display names from config.
#include <svcdesk/config/config.hpp>
#include <svcdesk/io/table.hpp>
#include <svcdesk/report/render.hpp>
#include <svcdesk/text.hpp>

#include <doctest/doctest.h>

#include <sstream>

using namespace svcdesk;

TEST_CASE("cut_to_width cuts by display width at grapheme boundaries with an ellipsis") {
    CHECK(cut_to_width("subject", 10) == "subject");
    CHECK(cut_to_width("subject", 7) == "subject");
    CHECK(cut_to_width("subject", 5) == "subj…");
    // CJK characters take two columns: 5 columns hold two of them and the ellipsis.
    CHECK(cut_to_width("内科楼一楼大厅", 5) == "内科…");
    CHECK(cut_to_width("内科楼一楼大厅", 6) == "内科…"); // half a character is never shown
    CHECK(display_width(cut_to_width("内科楼一楼大厅", 6)) <= 6);
    // e + combining acute accent is one grapheme: never split from its accent.
    CHECK(cut_to_width("cafe\xCC\x81 au lait", 5) == "cafe\xCC\x81…");
    CHECK(cut_to_width("abc", 0) == "");
    CHECK(cut_to_width("abcdef", 1) == "…");
}

TEST_CASE("a table fits the width by narrowing its widest columns, and width 0 cuts nothing") {
    Table table({"id", "status", "subject"});
    table.add_row({"1", "new", "空调漏水,病房三楼走廊天花板滴水,请尽快派人处理"});
    table.add_row({"2", "assigned", "short"});
    auto whole = table.render();
    CHECK(whole.find("请尽快派人处理") != std::string::npos);
    CHECK(whole.find("…") == std::string::npos);

    auto fitted = table.render({false, 40});
    CHECK(fitted.find("…") != std::string::npos);
    std::istringstream lines(fitted);
    for (std::string line; std::getline(lines, line);) {
        CHECK(display_width(line) <= 40);
    }
    // Short columns (ids, statuses) keep their whole width.
    CHECK(fitted.find("assigned") != std::string::npos);
}

TEST_CASE("numbers for people: percentages, durations, scores") {
    CHECK(format_percent(0.6667) == "66.7 %");
    CHECK(format_percent(1.0) == "100.0 %");
    CHECK(format_percent(0.0) == "0.0 %");
    CHECK(format_minutes(85) == "1 h 25 min");
    CHECK(format_minutes(84.6) == "1 h 25 min");
    CHECK(format_minutes(25) == "25 min");
    CHECK(format_minutes(0.2) == "0 min");
    CHECK(format_minutes(120) == "2 h");
    CHECK(format_minutes(24 * 60 + 65) == "1 d 1 h");
    CHECK(format_minutes(48 * 60) == "2 d");
    CHECK(format_score(4.25) == "4.2");
    CHECK(format_score(4.0) == "4.0");
}

TEST_CASE("report figures are shown by kind and labelled") {
    ReportView view;
    CHECK(figure_text("sla.rate", Json(0.6667)) == "66.7 %");
    CHECK(figure_text("complaints.on_time_rate", Json()) == "");
    CHECK(figure_text("first_response_minutes.mean", Json(85.0)) == "1 h 25 min");
    CHECK(figure_text("first_response_minutes.count", Json(3)) == "3");
    CHECK(figure_text("staff.handle_median", Json(30.0)) == "30 min");
    CHECK(figure_text("staff.rostered_hours", Json(7.5)) == "7 h 30 min");
    CHECK(figure_text("tickets.created", Json(12)) == "12");
    CHECK(figure_label("tickets.created", view) == "Tickets received");
    CHECK(figure_label("tickets.by_channel.phone", view) == "Tickets by channel: phone");
    CHECK(figure_label("no.such.figure", view) == "no.such.figure");
}

TEST_CASE("Markdown cells escape HTML and Markdown so that data is shown, never run") {
    CHECK(markdown_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK(markdown_escape("a|b") == "a\\|b");
    CHECK(markdown_escape("*bold* _it_ `code` [link](x) ~s~ #1 \\") ==
          "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~s\\~ \\#1 \\\\");
    CHECK(markdown_escape("line\nbreak") == "line break");
    CHECK(markdown_escape("A & B") == "A &amp; B");
    CHECK(markdown_escape("内科楼 66.7 %") == "内科楼 66.7 %");
}

TEST_CASE("a Markdown report escapes a script in a display name") {
    auto config = load_config_text("[[desks]]\nid = \"front\"\nname = \"<script>alert(1)</script>\"\n", "site.toml");
    Json report = Json::parse(R"({"date": "2026-11-23", "desk": null, "tickets": {"created": 1},
                                  "staff": [], "desks": {"front": {"tickets": {"created": 1}}}})");
    ReportView view;
    view.config = &config;
    auto md = render_daily_report(report, "md", view);
    CHECK(md.find("<script>") == std::string::npos);
    CHECK(md.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    auto html = render_daily_report(Json::parse(R"({"date": "2026-11-23", "desk": "front", "staff": [], "desks": {},
        "tickets": {"created": 1, "closed": 0, "by_category": {}, "created_by_hour": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},
        "sla": {"met": 0, "breached": 0, "rate": null}, "complaints": {"on_time_rate": null},
        "deposits": {"stored_end_of_day": 0, "overdue": 0}, "customers": {"at_risk": 0},
        "satisfaction_distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}})"),
                                     "html", view);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("display names: name_en in English, the id where config names nothing") {
    auto config = load_config_text(R"(
[[desks]]
id = "front"
name = "总台"
name_en = "Front desk"

[[desks]]
id = "back"
name = "后台"

[roles]
supervisor = { name = "主管", name_en = "Supervisor" }

[roster.shifts.early]
name = "早班"
name_en = "Early"
hours = ["07:30-15:30"]
)",
                                   "site.toml");
    // The tests run in the C locale: English.
    CHECK_FALSE(chinese_messages());
    CHECK(config.display_name(NameKind::desk, "front") == "Front desk");
    CHECK(config.display_name(NameKind::desk, "back") == "后台"); // no name_en: the name
    CHECK(config.display_name(NameKind::desk, "gone") == "gone");
    // The reference categories: the complaint classes are tables with names.
    CHECK(config.display_name(NameKind::category, "complaint") == "Complaint");
    CHECK(config.display_name(NameKind::complaint_class, "complaint.product") == "Product / technical");
    CHECK(config.display_name(NameKind::complaint_class, "complaint.nonesuch") == "complaint.nonesuch");
    CHECK(config.display_name(NameKind::complaint_class, "after_sales") == "After-sales"); // a category
    CHECK(config.display_name(NameKind::department, "radiology") == "Radiology");
    CHECK(config.display_name(NameKind::role, "supervisor") == "Supervisor");
    CHECK(config.display_name(NameKind::shift, "early") == "Early");
    CHECK(config.find_category("complaint")->classes ==
          std::vector<std::string>{"product", "after_sales", "communication", "order", "other"});
    CHECK_THROWS_WITH(load_config_text("[roles]\nboss = { name = \"老板\" }\n", "site.toml"),
                      doctest::Contains("'boss' is not a role of svcdesk"));
}
