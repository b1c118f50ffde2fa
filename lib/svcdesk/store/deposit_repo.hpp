#pragma once
// Storage of deposits, their history and shift handovers.

#include <svcdesk/domain/deposit.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}


struct DepositFilter {
    std::vector<DepositState> states; // empty: any
    std::optional<std::string> desk;
    std::optional<std::string> phone; // the depositor's normalised phone (deposits_phone)
    std::optional<Timestamp> since, until; // deposited_at in [since, until)
    Timestamp now{};                       // decides stored versus overdue
};

class DepositRepo {
public:
    explicit DepositRepo(sql::Driver& db) : m_db(db) {}
    // Inserts and returns the new id. Throws Error(refused) naming the holder when the tag
    // holds a stored deposit already (a unique index decides, so concurrent desks cannot both win).
    DepositId insert(const Deposit& deposit);
    // Writes the fields that may change (status, lost, release, disposal); contents never change.
    void update(const Deposit& deposit);
    std::optional<Deposit> find(DepositId id);
    // The stored (or overdue) deposit holding `tag`.
    std::optional<Deposit> find_active(const std::string& tag);
    // find_active(), for a write: the deposit's row stays locked until the transaction ends.
    std::optional<Deposit> find_active_for_update(const std::string& tag);
    // The most recent deposit ever made under `tag`.
    std::optional<Deposit> find_latest(const std::string& tag);
    // Sorted by due time, then id.
    std::vector<Deposit> list(const DepositFilter& filter);
    // Returns the event's id; ids grow with time and are the handover's bookmark.
    std::int64_t add_event(const DepositEvent& event);
    std::vector<DepositEvent> events(DepositId id);
    // Events of deposits of `desk` with after < id <= upto, oldest first.
    std::vector<DepositEvent> desk_events(const std::string& desk, std::int64_t after, std::int64_t upto);
    std::int64_t last_event_id();

    HandoverId insert_handover(const Handover& handover);
    std::optional<Handover> find_handover(HandoverId id);
    // The latest handover of `desk` (with id below `before` when given).
    std::optional<Handover> last_handover(const std::string& desk, std::optional<HandoverId> before);
    // Writes the incoming staff member's confirmation (confirmed_at, counts, discrepancy).
    void confirm_handover(const Handover& handover);
    // Handovers (without contents) made, due or confirmed in [from, to), of `desk` when given.
    std::vector<Handover> handovers_between(Timestamp from, Timestamp to, const std::optional<std::string>& desk);
    std::int64_t count();

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
