#include <svcdesk/store/query.hpp>
#include <svcdesk/store/staged_import.hpp>

#include <fmt/format.h>

namespace svcdesk::sql {

std::unique_ptr<StagedImport> BulkTuning::staged_import() { return nullptr; }

std::string Dialect::elements(std::string_view json) const { return fmt::format(fmt::runtime(json_elements), json); }

std::string Dialect::field(std::string_view element, std::string_view key) const {
    return fmt::format(fmt::runtime(json_field), element, key);
}

std::string Dialect::agg(std::string_view column) const { return fmt::format(fmt::runtime(list_agg), column); }

std::string Dialect::json_array_of(std::string_view column) const {
    return fmt::format(fmt::runtime(json_agg), column);
}

std::string Dialect::index(std::string_view index_name) const {
    return fmt::format(fmt::runtime(indexed_by), index_name);
}

std::string Dialect::lock(std::string_view table) const { return fmt::format(fmt::runtime(for_update), table); }

std::unique_ptr<Statement> Driver::acquire(const std::string& sql, bool stream) {
    auto& idle = m_idle[stream ? 1 : 0];
    if (auto it = idle.find(sql); it != idle.end()) {
        auto statement = std::move(it->second);
        idle.erase(it);
        return statement;
    }
    return prepare(sql, stream);
}

void Driver::release(const std::string& sql, bool stream, std::unique_ptr<Statement> statement) noexcept {
    if (!statement) return;
    try {
        statement->reset();
        m_idle[stream ? 1 : 0].emplace(sql, std::move(statement));
    } catch (...) {
        // a statement that cannot be reset is dropped, not reused
    }
}

std::string marks(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

} // namespace svcdesk::sql
