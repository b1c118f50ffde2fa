#pragma once
// Turns one source record into a ticket and its import event, following a profile. Private to
// ops/import.cpp.

#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/io/record_reader.hpp>
#include <svcdesk/io/source_time.hpp>

#include <array>
#include <set>
#include <string>
#include <vector>

namespace svcdesk::import_detail {

inline constexpr std::size_t k_field_count = std::size(k_import_fields);

struct RowProblem {
    std::string column; // source column, or "row"
    std::string problem;
};

struct MapperSetup {
    const Config* config = nullptr;
    const ImportProfile* profile = nullptr;
    std::vector<std::string> columns; // of the reader
    std::string actor;                // owner unless mapped
    std::string actor_desk;           // desk unless mapped or defaulted
    std::set<std::string, std::less<>> staff; // ids an owner or assignee may name
    Timestamp now{};
};

class RowMapper {
public:
    // Throws Error(invalid) naming the columns the profile needs that the input lacks.
    explicit RowMapper(MapperSetup setup);

    // Fills `ticket` and `event` from `record`; false with `problem` set when the row is invalid.
    bool map(const Record& record, Ticket& ticket, TicketEvent& event, RowProblem& problem);
    // The source column of external_ref (k_import_fields' first), for problems found later.
    const std::string& external_ref_column() const { return m_sources[0].name; }

private:
    struct Source {
        int column = -1; // index in the record, -1 when not mapped
        std::string name;
        const ImportValueMap* values = nullptr;
        const std::string* fallback = nullptr; // the profile's default
    };
    struct Value {
        std::string_view text; // empty when absent
        const std::string* column = nullptr;
        const std::optional<std::string>* note = nullptr;
    };
    Value value(std::size_t field, const Record& record) const;
    bool text(std::size_t field, const Record& record, std::size_t max, bool required, bool multiline,
              std::optional<std::string>& out, RowProblem& problem) const;
    bool time(std::size_t field, const Record& record, std::optional<Timestamp>& out, RowProblem& problem);
    std::string column_of(std::size_t field) const;

    MapperSetup m_setup;
    std::array<Source, k_field_count> m_sources;
    std::vector<std::pair<std::size_t, std::string>> m_description_columns; // index, name
    std::vector<SourceTimeFormat> m_formats;
    ZoneConverter m_zone;
    std::string m_description; // scratch
};

} // namespace svcdesk::import_detail
