#pragma once
// Lists that may show personal data unmasked (SPEC §5): read as they are, or, when revealed, read
// by a supervisor in a write transaction that records the reveal in the audit trail. Shared by
// deposits and loans.

#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/context.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// "3 deposits: 4, 7, 9": the ids of the records shown (the first 100; the count is exact).
template <typename Record>
std::string revealed_ids_of(const std::vector<Record>& shown, std::string_view noun) {
    constexpr std::size_t k_listed = 100;
    std::string ids;
    for (std::size_t i = 0; i < shown.size() && i < k_listed; ++i) ids += (i ? ", " : "") + std::to_string(shown[i].id);
    if (shown.size() > k_listed) ids += ", ...";
    return fmt::format("{} {}{}{}{}", shown.size(), noun, shown.size() == 1 ? "" : "s", shown.empty() ? "" : ": ", ids);
}

// The records `read` returns: in a read transaction, or with `reveal` in a write transaction
// that needs a supervisor (permission, 5) and records `action` on `subject` with the ids shown
// (revealed_ids_of, `noun`).
template <typename Record, typename Read>
std::vector<Record> read_revealing(Context& ctx, bool reveal, const char* action, const char* subject,
                                   std::string_view noun, Read read) {
    std::vector<Record> out;
    if (!reveal) {
        ctx.store.read([&] { out = read(); });
        return out;
    }
    ctx.store.write([&] {
        require_supervisor(ctx, "reveal personal data");
        out = read();
        record_audit(ctx, action, subject, revealed_ids_of(out, noun));
    });
    return out;
}

} // namespace svcdesk
