#pragma once
// Read-only aggregation queries for reports. Each returns the few rows a report needs, found
// through indexes on the time columns, never by scanning every ticket.

#include <svcdesk/domain/sla.hpp>
#include <svcdesk/domain/ticket.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
}


// The columns of a ticket that reports use.
struct TicketFact {
    TicketId id = 0;
    std::string desk, channel, category;
    std::optional<std::string> complaint_class, assignee;
    std::optional<std::string> owner; // the first contact
    Status status = Status::new_;
    Timestamp created_at{}, response_due{}, resolve_due{};
    Timestamp contact_at{}; // response and resolution times are measured from the contact
    std::optional<Timestamp> first_response_at, resolved_at, closed_at, wait_started_at;
    std::optional<Timestamp> response_breached_at, resolve_breached_at; // recorded breaches
    std::optional<int> satisfaction;
    std::optional<RootCause> root_cause;
    std::optional<std::string> caused_by; // the staff member a staff-caused complaint was about
    std::optional<Timestamp> dissatisfied_at; // a low score marked it dissatisfied

    // What the SLA verdicts (domain/sla.hpp) rest on.
    SlaFacts sla() const {
        return {status,      response_due,    resolve_due,          first_response_at,
                resolved_at, wait_started_at, response_breached_at, resolve_breached_at};
    }
};

// A change of assignee (an `assign` event that replaced someone).
struct ReassignmentFact {
    TicketId ticket = 0;
    Timestamp at{};
    std::string from, to; // the assignee before and after
};

// A transfer (转办, seed 000 §五.1): from one desk to another, or to a department.
struct TransferFact {
    TicketId ticket = 0;
    Timestamp at{};
    std::string desk; // the desk it left (a desk transfer), or the ticket's desk (a department one)
    std::optional<std::string> to_desk, department;
};

struct DepositFact {
    std::int64_t id = 0;
    std::string desk;
    Timestamp deposited_at{}, due_at{};
    std::optional<Timestamp> ended_at; // released or disposed
};

struct CallbackFact {
    std::int64_t id = 0;
    std::string desk;
    std::string status;
    Timestamp due_at{};
    std::optional<Timestamp> completed_at; // done or unreachable
    std::optional<int> satisfaction;
    bool dropped = false; // a survey dropped by a person (close --no-callback, callback cancel)
    std::string purpose;  // survey, progress, followup, care, loan (an overdue loan's)
};

struct AttemptFact {
    std::int64_t callback = 0;
    std::string desk, caller, outcome;
    Timestamp at{};
};

struct RosterFact {
    std::string staff, desk, shift;
    date::local_days day;
};

class ReportRepo {
public:
    explicit ReportRepo(sql::Driver& db) : m_db(db) {}
    // Tickets created, answered, resolved, closed or marked dissatisfied in [from, to), or whose
    // resolve deadline falls in it.
    std::vector<TicketFact> tickets_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk);
    // Tickets created before `at` and not resolved by then (cancelled ones excluded), per desk.
    std::vector<std::pair<std::string, std::int64_t>> open_at(Timestamp at, const std::optional<std::string>& desk);
    // Deposits taken in before `to` and not ended before `from`.
    std::vector<DepositFact> deposits_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk);
    // Callbacks due or completed in [from, to); the desk is the ticket's.
    std::vector<CallbackFact> callbacks_active(Timestamp from, Timestamp to, const std::optional<std::string>& desk);
    // Assignments in [from, to) that took a ticket from one assignee to another.
    std::vector<ReassignmentFact> reassignments(Timestamp from, Timestamp to);
    // Transfers in [from, to) from `desk` (all desks when absent).
    std::vector<TransferFact> transfers(Timestamp from, Timestamp to, const std::optional<std::string>& desk);
    // The callers of [from, to): each desk with the normalised phone of a ticket created there
    // then, once per pair (tickets_created).
    std::vector<std::pair<std::string, std::string>> callers(Timestamp from, Timestamp to,
                                                             const std::optional<std::string>& desk);
    // How many tickets of `phone` were created before `to` (tickets_phone).
    std::int64_t calls_before(const std::string& phone, Timestamp to);
    // Calls made in [from, to).
    std::vector<AttemptFact> attempts(Timestamp from, Timestamp to, const std::optional<std::string>& desk);
    std::vector<RosterFact> roster(date::local_days from, date::local_days to, const std::optional<std::string>& desk);

private:
    sql::Driver& m_db;
};

} // namespace svcdesk
