#pragma once
// Left-luggage use cases (SPEC §3, seed 001 §七). Each mutating function is one command and one
// transaction: it checks the actor, applies the rules, writes the change and its history event.
// All throw Error: invalid (2), not_found (3), refused (4), permission (5).

#include <svcdesk/domain/deposit.hpp>
#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/ops/context.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace svcdesk {

struct DepositRequest {
    std::string tag;
    std::string depositor;
    std::string phone;
    std::string id_number; // hashed at once; never stored, printed or put in a message
    std::string items;
    int pieces = 0;
    bool sealed = false;
    std::optional<std::string> desk; // default: the acting staff member's desk
    bool checked = false;            // the agent counted and inspected the items with the depositor
    IdType id_type = IdType::resident; // of id_number
};

// Registers a deposit and returns its id. Refused (4) for a tag outside the desk's pool, a
// tag holding a stored deposit, or a prohibited item; invalid (2) without `checked`, for an ID
// number that is not valid for its type, or an ID number in the items (privacy.id_in_text).
DepositId deposit_in(Context& ctx, const DepositRequest& request);

// Releases against the tag; `pieces`, when given, must equal the record. Refused after a loss.
Deposit deposit_out(Context& ctx, const std::string& tag, std::optional<int> pieces);
// Records that the depositor lost the tag: from now on only `claim` releases the items.
Deposit report_lost(Context& ctx, const std::string& tag);
// Releases a lost-tag deposit when the ID number matches. A wrong ID number is refused (4) and
// the attempt is recorded in the deposit's history: that write commits although the command fails
// (CommittedFailure, so that an enclosing transaction commits it too).
// An invalid ID number (a typo) is invalid (2) and recorded nowhere.
Deposit claim_deposit(Context& ctx, const std::string& tag, const std::string& id_number,
                      const std::string& items, IdType id_type = IdType::resident);

struct ProxyRequest {
    std::string tag;
    std::string proxy_name;
    std::string proxy_id_number;
    std::string id_number; // the depositor's
    std::optional<std::string> approved_by; // when given, the actor's own id
    IdType id_type = IdType::resident;       // of id_number
    IdType proxy_id_type = IdType::resident; // of proxy_id_number
};
// Pickup by someone else, approved by the acting supervisor: anyone else, or an `approved_by`
// naming someone else, is refused (5). A wrong depositor ID is refused (4) and the attempt
// recorded, as for claim. Audited (deposit.proxy) either way.
Deposit proxy_pickup(Context& ctx, const ProxyRequest& request);
// Disposal of an overdue deposit by a supervisor; the record stays, with the method. Audited.
Deposit dispose_deposit(Context& ctx, const std::string& tag, const std::string& method);

// `reveal` (unmasked personal data in the output) needs a supervisor and is audited
// (deposit.reveal, naming the deposits shown).
std::vector<Deposit> list_deposits(Context& ctx, DepositFilter filter, bool reveal = false);

// Records what is in storage at `desk`, handed by the actor to staff member `to`.
HandoverDetail handover(Context& ctx, const std::string& desk, const std::string& to);

// `ref` is a tag (the deposit holding it, else the latest one under it), a deposit id
// ("12" or "D12") or a handover id ("H3"). Throws not_found (3).
// `reveal` as for list_deposits.
std::variant<DepositDetail, HandoverDetail> show_deposit(Context& ctx, const std::string& ref, bool reveal = false);

// "deposit 12": how the audit trail names a deposit.
std::string deposit_subject(const Deposit& d);

} // namespace svcdesk
