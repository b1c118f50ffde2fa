#pragma once
// A backend's set-based path for an import's rows (private to store/): rows are staged as they
// come and moved into tickets and their history a batch at a time. ImportRepo uses it where
// BulkTuning::staged_import() offers one (PostgreSQL: postgres/import_copy.cpp).

#include <svcdesk/domain/ticket.hpp>
#include <svcdesk/store/import_repo.hpp>

namespace svcdesk {

class StagedImport {
  public:
    virtual ~StagedImport() = default;
    // Stages one row (its ticket's external_ref set; no two staged rows share one); may move
    // the rows staged so far first, adding what they came to to `tally`. `survey`: the ticket,
    // if new, is owed a survey at its closed_at. Throws sql::DbError.
    virtual void add(const Ticket& ticket, const TicketEvent& event, bool survey,
                     ImportTally& tally) = 0;
    // Moves every staged row whose external_ref is not stored yet into tickets (ids in the order
    // the rows were added) with its import event, and adds what the rows came to to `tally`.
    // Throws sql::DbError.
    virtual void move(ImportTally& tally) = 0;
};

} // namespace svcdesk
