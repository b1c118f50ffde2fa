#pragma once
// Storage of tickets and their history.

#include <svcdesk/domain/search.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}

struct TicketFilter {
    std::vector<Status> statuses; // empty: any
    std::optional<std::string> desk;
    std::optional<std::string> assignee;
    std::optional<std::string> owner; // the first contact (首问负责制)
    std::optional<std::string> category;
    std::optional<std::string> phone;    // normalised (domain/phone.hpp), matched exactly
    std::optional<std::string> customer; // the name as written, matched exactly
    bool dissatisfied_only = false; // marked dissatisfied by a low score
    bool overdue_only = false; // open and past a deadline at `now`
    bool breached_only = false; // any status, a deadline breached by `now` (domain/sla.hpp)
    std::optional<Timestamp> due_before; // open, the next deadline at or before this
    std::optional<Timestamp> since, until; // created_at in [since, until)
    std::optional<std::size_t> limit;
    Timestamp now{};
};

class TicketRepo {
public:
    explicit TicketRepo(sql::Driver& db) : m_db(db) {}
    // Inserts and returns the new id; throws Error(refused) when external_ref exists already.
    TicketId insert(const Ticket& ticket);
    void update(const Ticket& ticket);
    std::optional<Ticket> find(TicketId id);
    // find(), for a write: the row stays locked until the transaction ends, so that a concurrent
    // writer of the same ticket waits for this one (and, on PostgreSQL, runs again: Store::write).
    std::optional<Ticket> find_for_update(TicketId id);
    std::optional<TicketId> find_by_external_ref(const std::string& ref);
    // Sorted by the next due time (response, then resolve), then id; when the filter names
    // only closed and cancelled statuses, newest first (created_at, then id, descending).
    std::vector<Ticket> list(const TicketFilter& filter);
    // The tickets whose searched texts hold every term of `terms` (search_terms(text)) and that
    // pass `filter`, at most filter.limit. SQLite: among the 200 hits of highest id (or limit),
    // those that mention the terms most often first, then newest first; PostgreSQL: by
    // pg_trgm's word similarity. SearchHit::snippet is left empty.
    std::vector<SearchHit> search(const std::vector<std::string>& terms, const std::string& text,
                                  const TicketFilter& filter);
    // Visits the matching tickets in id order without holding them all in memory.
    void each(const TicketFilter& filter, const std::function<void(const Ticket&)>& visit);
    void add_event(const TicketEvent& event);
    std::vector<TicketEvent> events(TicketId id);
    std::int64_t count();

private:
    std::vector<SearchHit> search_trigrams(const std::vector<std::string>& terms, const TicketFilter& filter);
    sql::Driver& m_db;
};

} // namespace svcdesk
