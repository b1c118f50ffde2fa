#pragma once
// Storage of deposits, their history and shift handovers (implemented in store/sqlite/).

#include <svcdesk/domain/deposit.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

struct DepositFilter {
    std::vector<DepositState> states; // empty: any
    std::optional<std::string> desk;
    std::optional<Timestamp> since, until; // deposited_at in [since, until)
    Timestamp now{};                       // decides stored versus overdue
};

class DepositRepo {
public:
    virtual ~DepositRepo() = default;
    // Inserts and returns the new id. Throws Error(refused) naming the holder when the tag
    // holds a stored deposit already (a unique index decides, so concurrent desks cannot both win).
    virtual DepositId insert(const Deposit& deposit) = 0;
    // Writes the fields that may change (status, lost, release, disposal); contents never change.
    virtual void update(const Deposit& deposit) = 0;
    virtual std::optional<Deposit> find(DepositId id) = 0;
    // The stored (or overdue) deposit holding `tag`.
    virtual std::optional<Deposit> find_active(const std::string& tag) = 0;
    // The most recent deposit ever made under `tag`.
    virtual std::optional<Deposit> find_latest(const std::string& tag) = 0;
    // Sorted by due time, then id.
    virtual std::vector<Deposit> list(const DepositFilter& filter) = 0;
    // Returns the event's id; ids grow with time and are the handover's bookmark.
    virtual std::int64_t add_event(const DepositEvent& event) = 0;
    virtual std::vector<DepositEvent> events(DepositId id) = 0;
    // Events of deposits of `desk` with after < id <= upto, oldest first.
    virtual std::vector<DepositEvent> desk_events(const std::string& desk, std::int64_t after, std::int64_t upto) = 0;
    virtual std::int64_t last_event_id() = 0;

    virtual HandoverId insert_handover(const Handover& handover) = 0;
    virtual std::optional<Handover> find_handover(HandoverId id) = 0;
    // The latest handover of `desk` (with id below `before` when given).
    virtual std::optional<Handover> last_handover(const std::string& desk, std::optional<HandoverId> before) = 0;
    virtual std::int64_t count() = 0;
};

} // namespace svcdesk
