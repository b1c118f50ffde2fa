#pragma once
// JSON shapes of deposits, their history and handovers (tables and CSV are views of them).

#include <svcdesk/domain/deposit.hpp>
#include <svcdesk/io/records.hpp>

namespace svcdesk {

// Depositor and proxy names and the phone are masked unless `reveal`. ID numbers appear only
// as their last 4 characters; the hash is never output.
Json deposit_json(const Deposit& d, Zone zone, Timestamp now, bool reveal = false);
Json deposit_event_json(const DepositEvent& e, Zone zone);
// With "contents", "ins", "outs" lists and the "reconciled" verdict.
Json handover_json(const HandoverDetail& h, Zone zone);
// The CSV shape of a handover: one row per deposit handed over, with the handover's id, desk,
// time and staff: {"handover","desk","at","from","to","deposit","tag","pieces","items","since","lost"}.
Json handover_rows_json(const HandoverDetail& h, Zone zone);

} // namespace svcdesk
