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

// Every function that takes items in, releases them or hands them over needs the deposit_work
// permission (front_desk, agent, supervisor: domain/permissions.hpp); others get permission (5).

// Registers a deposit and returns its id. Refused (4) for a tag outside the desk's pool, a
// tag holding a stored deposit, or a prohibited item; invalid (2) without `checked`, for an ID
// number that is not valid for its type, or an ID number in the items (privacy.id_in_text).
DepositId deposit_in(Context& ctx, const DepositRequest& request);

struct OutRequest {
    std::string tag;
    std::optional<int> pieces{};            // counted with the depositor: required
    std::optional<std::string> id_number{}; // the depositor's: required once the deposit is overdue
    IdType id_type = IdType::resident;
};
// Releases against the tag (seed 001 §七). `pieces` is required (invalid, 2) and must equal the
// record (refused, 4). Refused after a loss. An overdue deposit is released only against the
// depositor's ID number (§七.5, §五.8: unclaimed items are handled by rule): without it refused
// (4, nothing written); a number that is not the depositor's refused (4) and the attempt recorded
// (CommittedFailure).
Deposit deposit_out(Context& ctx, const OutRequest& request);
// Records that the depositor lost the tag: from now on only `claim` releases the items.
Deposit report_lost(Context& ctx, const std::string& tag);
// Releases a lost-tag deposit when the ID number matches and the item details match the record
// (items_match, seed 001 §七.6). A wrong ID number or details that do not match are refused (4)
// and the attempt is recorded in the deposit's history and the audit trail (deposit.claim_refused):
// that write commits although the command fails (CommittedFailure, so that an enclosing
// transaction commits it too).
// An invalid ID number (a typo) is invalid (2) and recorded nowhere.
Deposit claim_deposit(Context& ctx, const std::string& tag, const std::string& id_number,
                      const std::string& items, IdType id_type = IdType::resident);

struct ProxyRequest {
    std::string tag;
    std::string proxy_name;
    std::string proxy_id_number;
    std::string id_number; // the depositor's
    std::optional<std::string> approved_by{}; // when given, the approver's id (checked)
    // A supervisor confirming in the same command: their id and PIN (checked like `login`).
    std::optional<std::string> approver{};
    std::optional<std::string> approver_pin{};
    IdType id_type = IdType::resident;       // of id_number
    IdType proxy_id_type = IdType::resident; // of proxy_id_number
};
// Pickup by someone else (seed 001 §七.7), run by staff who handle deposits and approved by a
// supervisor: the acting one, or `approver` confirming with their own PIN (a wrong PIN is counted
// towards the lock, committed, and refused with 5). A typed id alone (`approver` without PIN,
// `approved_by` naming anyone but the approver) is refused (5). A wrong depositor ID is refused
// (4) and the attempt recorded, as for claim. Audited (deposit.proxy) either way.
Deposit proxy_pickup(Context& ctx, const ProxyRequest& request);
// Disposal of an overdue deposit by a supervisor; the record stays, with the method. Audited.
Deposit dispose_deposit(Context& ctx, const std::string& tag, const std::string& method);

// `reveal` (unmasked personal data in the output) needs a supervisor and is audited
// (deposit.reveal, naming the deposits shown).
std::vector<Deposit> list_deposits(Context& ctx, DepositFilter filter, bool reveal = false);

// Opens a handover (seed 001 §五.8): records what is in storage at `desk`, handed by the actor to
// staff member `to`, who confirms it by the end of their shift (roster), else within
// deposits.handover_confirm_within. `to` must be active, handle deposits, and not be the actor.
HandoverDetail handover(Context& ctx, const std::string& desk, const std::string& to);
// What the incoming staff member counted of the loans handed over (issue 24): loan items out
// and the loan-deposit cash in fen.
struct LoanCount {
    std::optional<int> items;
    std::optional<std::int64_t> cash;
};
// The incoming staff member (the actor, else permission 5) confirms handover `ref` ("H3" or "3")
// with the pieces they counted and, optionally, the tags they found; a handover with loan items
// out or loan-deposit cash needs `loans` counted, both figures (invalid, 2). A difference is
// recorded with the handover and in the audit (deposit.handover_difference), not refused.
// Refused (4) when already confirmed.
HandoverDetail confirm_handover(Context& ctx, const std::string& ref, int pieces,
                                const std::optional<std::vector<std::string>>& tags, const LoanCount& loans = {});

// `ref` is a tag (the deposit holding it, else the latest one under it), a deposit id
// ("12" or "D12") or a handover id ("H3"). Throws not_found (3).
// `reveal` as for list_deposits.
std::variant<DepositDetail, HandoverDetail> show_deposit(Context& ctx, const std::string& ref, bool reveal = false);

// "deposit 12": how the audit trail names a deposit.
std::string deposit_subject(const Deposit& d);

} // namespace svcdesk
