// CSV conformance: parses every csvs/NAME.csv of the csv-spectrum package with the import reader
// and compares the rows with json/NAME.json. Usage: svcdesk_csv_spectrum DIR; exit 1 on a mismatch.
#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: svcdesk_csv_spectrum DIR (the csv-spectrum package)\n";
        return 2;
    }
    fs::path dir = argv[1];
    int checked = 0, failed = 0;
    for (const auto& entry : fs::directory_iterator(dir / "csvs")) {
        if (entry.path().extension() != ".csv") continue;
        auto name = entry.path().stem().string();
        std::ifstream expected_file(dir / "json" / (name + ".json"));
        auto expected = nlohmann::json::parse(expected_file);
        if (expected.is_object()) expected = nlohmann::json::array({expected}); // one file has a bare object
        // Upstream defect: location_coordinates.json says 1234567890 where its CSV has 2095257564; every
        // other cell of that file is compared.
        bool skip_phone = name == "location_coordinates";
        nlohmann::json actual = nlohmann::json::array();
        std::string problem;
        int fd = ::open(entry.path().c_str(), O_RDONLY);
        try {
            auto reader = svcdesk::make_csv_reader(fd, entry.path().string());
            svcdesk::Record record;
            while (reader->next(record)) {
                if (record.error) problem += "line " + std::to_string(record.line) + ": " + *record.error + "; ";
                nlohmann::json row = nlohmann::json::object();
                for (size_t i = 0; i < record.fields.size() && i < reader->columns().size(); ++i) {
                    if (skip_phone && reader->columns()[i] == "Contact Phone Number") continue;
                    row[reader->columns()[i]] = std::string(record.fields[i]);
                }
                actual.push_back(row);
            }
        } catch (const svcdesk::Error& e) {
            problem += e.what();
        }
        ::close(fd);
        if (skip_phone) {
            for (auto& row : expected) row.erase("Contact Phone Number");
        }
        ++checked;
        if (problem.empty() && actual == expected) {
            std::cout << "ok   " << name << '\n';
        } else {
            ++failed;
            std::cout << "FAIL " << name << ": " << problem << "\n  expected " << expected.dump() << "\n  got      "
                      << actual.dump() << '\n';
        }
    }
    std::cout << checked << " files, " << failed << " failed\n";
    return failed == 0 && checked > 0 ? 0 : 1;
}
