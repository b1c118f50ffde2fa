// The layer graph of ARCHITECTURE.md, checked on the sources: apps → {ops, report} → {domain,
// store, config, io} → the base (error, time, text ...). An include that points up or sideways
// fails here, naming the file and the include.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The layers each layer may include (itself included). "base" is lib/svcdesk/*.hpp.
const std::map<std::string, std::set<std::string>>& allowed() {
    static const std::map<std::string, std::set<std::string>> k_allowed = {
        {"base", {"base"}},
        {"domain", {"base", "domain"}},
        {"config", {"base", "domain", "config"}},
        {"store", {"base", "domain", "store"}},
        {"io", {"base", "domain", "io"}},
        {"ops", {"base", "domain", "config", "store", "io", "ops"}},
        {"report", {"base", "domain", "config", "store", "io", "report"}},
        {"apps", {"base", "domain", "config", "io", "ops", "report", "version"}},
    };
    return k_allowed;
}

const fs::path k_source_root = fs::path(__FILE__).parent_path().parent_path().parent_path();

// "svcdesk/ops/tickets.hpp" → "ops"; "svcdesk/error.hpp" → "base"; the generated version header
// is a layer of its own, for the app.
std::string layer_of_include(const std::string& include) {
    auto rest = include.substr(std::string("svcdesk/").size());
    if (rest == "version.hpp") return "version";
    auto slash = rest.find('/');
    return slash == std::string::npos ? "base" : rest.substr(0, slash);
}

// The layer a source file belongs to, from its path below the source root.
std::string layer_of_file(const fs::path& relative) {
    auto it = relative.begin();
    if (*it == "apps") return "apps";
    ++it; // lib
    ++it; // svcdesk
    auto next = std::next(it);
    return next == relative.end() ? "base" : it->string();
}

std::vector<std::string> violations() {
    static const std::regex k_include(R"(^\s*#\s*include\s*<(svcdesk/[^>]+)>)");
    std::vector<std::string> out;
    for (const char* dir : {"lib/svcdesk", "apps"}) {
        for (const auto& entry : fs::recursive_directory_iterator(k_source_root / dir)) {
            auto ext = entry.path().extension();
            if (!entry.is_regular_file() || (ext != ".hpp" && ext != ".cpp")) continue;
            auto relative = fs::relative(entry.path(), k_source_root);
            auto layer = layer_of_file(relative);
            std::ifstream in(entry.path());
            std::string line;
            std::smatch m;
            while (std::getline(in, line)) {
                if (!std::regex_search(line, m, k_include)) continue;
                if (!allowed().at(layer).count(layer_of_include(m[1].str()))) {
                    out.push_back(relative.string() + " includes <" + m[1].str() + ">");
                }
            }
        }
    }
    return out;
}

} // namespace

TEST_CASE("layers: every include points down the layer graph (ARCHITECTURE.md)") {
    if (!fs::is_directory(k_source_root / "lib/svcdesk")) {
        MESSAGE("sources not found at " << k_source_root.string() << "; nothing to check");
        return;
    }
    auto found = violations();
    std::string list;
    for (const auto& v : found) list += "\n  " + v;
    INFO("includes against the layer graph:" << list);
    CHECK(found.empty());
}

TEST_CASE("layers: the checker sees a layer violation") {
    CHECK(layer_of_file("lib/svcdesk/io/records.cpp") == "io");
    CHECK(layer_of_file("lib/svcdesk/time.hpp") == "base");
    CHECK(layer_of_file("lib/svcdesk/store/sqlite/sqlite_store.cpp") == "store");
    CHECK(layer_of_file("apps/svcdesk/app.cpp") == "apps");
    CHECK(layer_of_include("svcdesk/ops/deposits.hpp") == "ops");
    CHECK(layer_of_include("svcdesk/text.hpp") == "base");
    CHECK_FALSE(allowed().at("io").count("ops"));
    CHECK_FALSE(allowed().at("apps").count("store"));
    CHECK_FALSE(allowed().at("report").count("ops"));
    CHECK_FALSE(allowed().at("domain").count("config"));
}
