#pragma once
// Storage of callbacks and their call attempts (part of the Store interface).

#include <svcdesk/domain/callback.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {

// A callback with what a caller needs from its ticket.
struct CallbackListing {
    Callback callback;
    Status ticket_status = Status::new_;
    std::string desk;
    std::string category;
    std::string customer;
    std::optional<std::string> phone;
    std::optional<std::string> handler; // the ticket's assignee, else its owner
};

struct CallbackFilter {
    std::vector<CallbackStatus> statuses;  // empty: any
    std::vector<CallbackPurpose> purposes; // empty: any
    std::optional<TicketId> ticket;
    std::optional<std::string> desk;
    std::optional<std::string> handler;
    std::optional<Timestamp> due_since, due_until; // due_at in [since, until)
    std::optional<Timestamp> due_by;               // due_at <= due_by
    std::optional<std::size_t> limit;
};

class CallbackRepo {
public:
    virtual ~CallbackRepo() = default;
    // Inserts the callback with its attempts; returns the new id.
    virtual CallbackId insert(const Callback& callback) = 0;
    // Writes status, due time, satisfaction, end and cancel reason, and any attempts not stored yet.
    virtual void update(const Callback& callback) = 0;
    virtual std::optional<CallbackListing> find(CallbackId id) = 0;
    // Sorted by due time, then id.
    virtual std::vector<CallbackListing> list(const CallbackFilter& filter) = 0;
    virtual std::int64_t count() = 0;
};

} // namespace svcdesk
