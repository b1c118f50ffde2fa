#pragma once
// The bulk path of imports: one prepared insert for tickets and one for their import event,
// reused for every row of a file inside the caller's single write transaction.

#include <svcdesk/domain/ticket.hpp>

namespace svcdesk {

class ImportRepo {
public:
    virtual ~ImportRepo() = default;
    // Tunes the connection for a bulk write (a larger page cache) until end_bulk(); call both
    // inside the write transaction.
    virtual void begin_bulk() = 0;
    virtual void end_bulk() = 0;
    // Inserts `ticket` (whose external_ref is set) and `event` (its ticket id is filled in)
    // unless a ticket with that external_ref exists; then writes nothing and returns false.
    virtual bool insert_new(const Ticket& ticket, const TicketEvent& event) = 0;
};

} // namespace svcdesk
