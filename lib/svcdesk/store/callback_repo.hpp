#pragma once
// Storage of callbacks and their call attempts (part of the Store interface).

#include <svcdesk/domain/callback.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}


struct CallbackFilter {
    std::vector<CallbackStatus> statuses;  // empty: any
    std::vector<CallbackPurpose> purposes; // empty: any
    std::optional<TicketId> ticket;
    std::optional<std::int64_t> loan; // LoanId: the callback of that loan
    std::optional<std::string> desk;
    std::optional<std::string> handler;
    std::optional<std::string> phone; // the ticket's normalised phone (a caller's callbacks)
    std::optional<Timestamp> due_since, due_until; // due_at in [since, until)
    std::optional<Timestamp> due_by;               // due_at <= due_by
    std::optional<std::size_t> limit;
};

class CallbackRepo {
public:
    explicit CallbackRepo(sql::Driver& db) : m_db(db) {}
    // Inserts the callback with its attempts; returns the new id.
    CallbackId insert(const Callback& callback);
    // Writes status, due time, satisfaction, end and cancel reason, and any attempts not stored yet.
    void update(const Callback& callback);
    std::optional<CallbackListing> find(CallbackId id);
    // find(), for a write: the callback's row stays locked until the transaction ends.
    std::optional<CallbackListing> find_for_update(CallbackId id);
    // Sorted by due time, then id.
    std::vector<CallbackListing> list(const CallbackFilter& filter);
    std::int64_t count();
    // The loans out and past their due time at `now` that never had a callback (the overdue
    // loans' callbacks, issue 24): id and due time, by due time.
    std::vector<std::pair<std::int64_t, Timestamp>> loans_needing_callback(Timestamp now);

private:
    void add_attempts(const Callback& callback, std::size_t first);
    std::vector<CallAttempt> attempts(CallbackId id);

    sql::Driver& m_db;
};

} // namespace svcdesk
