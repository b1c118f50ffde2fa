#pragma once
// Left-luggage deposits (寄存, seed 001 §七): the record, its states, tag pools and the screening
// of item descriptions against prohibited goods. No I/O here.

#include <svcdesk/time.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

using DepositId = std::int64_t;
using HandoverId = std::int64_t;

// What is stored; `overdue` is never stored, it is a stored deposit past its due time.
enum class DepositStatus { stored, released, disposed };
// What is shown and filtered on.
enum class DepositState { stored, overdue, released, disposed };
// The states of a deposit still at the desk: what a handover counts and `deposit list` shows.
inline constexpr DepositState k_in_storage[] = {DepositState::stored, DepositState::overdue};
// How a deposit left storage by the depositor's hand: tag, lost-tag claim or proxy.
enum class ReleaseKind { out, claim, proxy };

// The names of the states, in enum order: what `deposit list --status` accepts and completion
// offers.
inline constexpr std::array<std::string_view, 4> k_deposit_state_names = {"stored", "overdue",
                                                                          "released", "disposed"};

std::string_view to_string(DepositStatus s);
std::string_view to_string(DepositState s);
std::string_view to_string(ReleaseKind k);
// Each parser throws Error(invalid) listing the accepted values.
DepositStatus parse_deposit_status(std::string_view text);
DepositState parse_deposit_state(std::string_view text);
ReleaseKind parse_release_kind(std::string_view text);

// A numbered range of tags such as A001-A100 (prefix "A", 1..100, 3 digits).
struct TagPool {
    std::string prefix;
    int first = 1;
    int last = 100;
    int width = 3;

    std::string text() const; // "A001-A100"
    bool contains(std::string_view tag) const;
    bool overlaps(const TagPool& other) const;
};
// Parses "A001-A100" (or a single tag "A001"); throws Error(invalid) explaining the form.
TagPool parse_tag_pool(std::string_view text);
// Tags are typed at the desk: trims blanks and upper-cases ASCII letters. Throws Error(invalid)
// when the result is empty, too long or not letters, digits and '-'.
std::string normalize_tag(std::string_view text);

// One class of goods the desk does not accept (seed 001 §七.4 and the desk sign).
struct ProhibitedCategory {
    std::string id;                    // "flammable"
    std::string name;                  // "易燃物品"
    std::vector<std::string> keywords; // matched case-insensitively; Latin words as whole words
    std::vector<std::string> allow;    // phrases that contain a keyword but are fine ("金属")
    std::string advice;                // extra instruction, e.g. "contact the police"
};

struct DepositPolicy {
    minutes retention{3 * 24 * 60};
    std::map<std::string, std::vector<TagPool>> tag_pools; // by desk id
    std::vector<ProhibitedCategory> prohibited;
    std::size_t items_max = 500; // characters in an item description
    int max_pieces = 99;
    int hash_iterations = 100000; // PBKDF2 rounds for ID numbers
    // How long the incoming staff member has to confirm a handover when the roster does not
    // say when their shift ends.
    minutes handover_confirm_within{8 * 60};

    // The pool of `desk`; empty when the desk takes no deposits.
    const std::vector<TagPool>& pools(std::string_view desk) const;
    std::string pools_text(std::string_view desk) const; // "A001-A100, A200-A220"
};

// A hit of the screening: which category and the keyword as written in the config.
struct ScreenHit {
    const ProhibitedCategory* category = nullptr;
    std::string keyword;
};
// The first prohibited category (in config order) whose keyword the description mentions.
// Chinese keywords match anywhere (so 金 also matches 金属 unless "金属" is allowed); Latin
// keywords match whole words, with an optional plural "s"/"es" ("gun" matches "guns", not
// "begun"). Matching is after Unicode case folding and compatibility mapping (ＧＵＮ = gun).
std::optional<ScreenHit> screen_items(std::string_view items, const std::vector<ProhibitedCategory>& categories);

// Whether the item details a lost-tag claimant gives match the registered description (seed 001
// §七.6: 核对行李、物品的相关细节特征无误). Both are folded (case, full-width/half-width), blanks
// dropped, and split into parts at punctuation. Every part of the record must be named by a part
// of the claim (equal, containing it, or inside it), and every part of the claim must be found in
// the record (equal, inside a part, or parts of the record joined by at most one character each);
// a part inside another has at least two characters. "行李箱, 一件外套" matches
// "行李箱一个,取出一件外套后重新寄存"; "红色箱子" does not match "书包", nor "箱" "行李箱", nor
// "school 书包" "书包".
bool items_match(std::string_view claimed, std::string_view recorded);

struct Deposit {
    DepositId id = 0;
    std::string tag;
    std::string desk;
    DepositStatus status = DepositStatus::stored;
    int pieces = 1;
    std::string items;
    std::string depositor;
    std::string phone;
    std::string id_last4;
    std::string id_hash; // salted PBKDF2-SHA256 of the ID number; never the number itself
    bool sealed = false; // locked or sealed by the depositor (seed 001 §七.3)
    Timestamp deposited_at{};
    Timestamp due_at{};
    std::string received_by;
    std::optional<Timestamp> lost_at;
    std::optional<Timestamp> released_at;
    std::optional<std::string> released_by;
    std::optional<ReleaseKind> release_kind;
    std::optional<std::string> proxy_name;
    std::optional<std::string> proxy_id_last4;
    std::optional<std::string> proxy_id_hash;
    std::optional<std::string> approved_by;
    std::optional<Timestamp> disposed_at;
    std::optional<std::string> disposed_by;
    std::optional<std::string> disposal_method;

    bool lost() const { return lost_at.has_value(); }
};

// The states `deposit list` shows: those asked for; none asked, the deposits in storage
// (k_in_storage), or every state when `all`.
std::vector<DepositState> listed_states(std::vector<DepositState> asked, bool all);

// Stored and past its due time at `now`.
bool is_overdue(const Deposit& d, Timestamp now);
DepositState state_of(const Deposit& d, Timestamp now);

// One entry of a deposit's history. `details` is a JSON object text.
struct DepositEvent {
    std::int64_t id = 0;
    DepositId deposit = 0;
    Timestamp at{};
    std::optional<std::string> actor;
    std::string action; // in, lost, out, claim, claim_refused, proxy, proxy_refused, dispose
    std::string details = "{}";
};

// What was in storage at a desk when one shift handed over to the next (交接班).
struct HandoverItem {
    DepositId deposit = 0;
    std::string tag;
    int pieces = 0;
    std::string items;
    Timestamp since{};
    bool lost = false;
};

struct Handover {
    HandoverId id = 0;
    std::string desk;
    Timestamp at{};
    std::string from_staff;
    std::string to_staff;
    std::int64_t last_event_id = 0; // deposit history up to here is covered
    std::optional<HandoverId> previous;
    std::vector<HandoverItem> contents;
    // The incoming staff member confirms by counting (seed 001 §五.8: 交接班清楚): by
    // `confirm_due` (the end of their shift). Handovers recorded before confirmations existed
    // (schema 3) have no confirm_due.
    std::optional<Timestamp> confirm_due;
    std::optional<Timestamp> confirmed_at;
    std::optional<int> pieces_counted;
    std::optional<std::vector<std::string>> tags_counted; // when the incoming listed the tags
    std::optional<std::string> discrepancy;               // what the count found different
    // The equipment loans of the desk handed over with it (issue 24, seed 001 §六): loan items
    // out and the loan-deposit cash on hand (fen) when it was made, and what the incoming staff
    // member counted. Absent on handovers made before schema 9.
    std::optional<int> loans_out;
    std::optional<std::int64_t> loan_cash;
    std::optional<int> loans_counted;
    std::optional<std::int64_t> cash_counted;

    int pieces() const; // the pieces the outgoing handed over
    bool confirmed() const { return confirmed_at.has_value(); }
};

// The state of a handover at `now`: "confirmed", "open" (awaiting the incoming staff member), or
// "unconfirmed" (its confirm_due passed without a confirmation, or confirmed only after it:
// "confirmed late").
std::string handover_state(const Handover& h, Timestamp now);
// Not confirmed by its due time, judged at `now`: what the daily report counts.
bool handover_missed(const Handover& h, Timestamp now);
// What the incoming staff member's count differs in from the handover's list, or nothing:
// "counted 3 pieces, 4 handed over; tags missing: A002; tags not on the list: A009"; with the
// loans, "counted 1 loan item(s), 2 out; cash counted 150.00 yuan, 200.00 on hand (short 50.00)".
std::optional<std::string> handover_discrepancy(const Handover& h, int pieces,
                                                const std::optional<std::vector<std::string>>& tags,
                                                std::optional<int> loans = std::nullopt,
                                                std::optional<std::int64_t> cash = std::nullopt);
// Whether the handover carries loans to count: items out or loan-deposit cash on hand.
bool handover_has_loans(const Handover& h);

// A deposit with its history: what `deposit show` shows.
struct DepositDetail {
    Deposit deposit;
    std::vector<DepositEvent> history;
};

// A deposit leaving or entering storage between two handovers.
struct HandoverChange {
    DepositId deposit = 0;
    std::string tag;
    int pieces = 0;
    std::string action; // in, out, claim, proxy, dispose
    Timestamp at{};
    std::optional<std::string> actor;
};

// A loan item out at the desk at a handover: no personal data, the loan id finds the borrower.
struct HandoverLoan {
    std::int64_t loan = 0;
    std::string item;
    int unit = 0;
    Timestamp since{};
    Timestamp due{};
};

// A handover with what changed since the previous one: what `deposit handover` shows.
struct HandoverDetail {
    Handover handover;
    std::optional<Handover> previous;
    std::vector<HandoverChange> ins, outs; // recorded since the previous handover
    bool reconciled = true; // previous contents + ins - outs == contents
    // The loan items out at the desk when the handover was made (issue 24), soonest due first.
    std::vector<HandoverLoan> loans;
    std::string state;      // handover_state() when it was read
};

} // namespace svcdesk
