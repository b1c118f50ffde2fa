#pragma once
// Who acts, proven rather than claimed (issue 18; seed 000 §四.4, seed 004 §4-5), and the clock
// that stamps what they do.
//
// A staff member is proven by what the platform authenticated: on SQLite the real OS user
// (getuid) bound with `staff add|update --login`; on PostgreSQL the session_user bound with
// `--db-role`; on a shared OS account, a PIN session opened by `svcdesk login` for that account
// and its login session. --as / SVCDESK_USER is a request that must match; only a sandbox
// database (init --sandbox) takes it, and SVCDESK_NOW, at its word.

#include <svcdesk/error.hpp>
#include <svcdesk/ops/context.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesk {

// What the system says about the caller.
struct Caller {
    std::string os_user;  // the real user's name ("#UID" when it has none)
    std::string terminal; // the login session: "pts/3 sid 4242", or "sid 4242" with no terminal
    std::optional<std::string> requested; // --as, else SVCDESK_USER
};
Caller current_caller(std::optional<std::string> requested);

struct Identity {
    Staff staff;
    Proof proof;
    std::optional<Timestamp> session_expires; // a PIN session's end
};

struct IdentityCheck {
    std::optional<Identity> identity;
    std::string missing; // why there is none, for a refusal
    bool sandbox = false;
};

// Where a refusal of identity or clock is recorded when `store` is a read-only replica
// (database.read_url): the primary, opened only when there is a refusal to record. Empty: on
// `store` itself.
using AuditStore = std::function<Store&()>;

// Proves who acts on `store`. Throws Error(permission), after recording the refusal in the audit
// (on `audit` when given), when the request names someone the proof does not (or nothing proves
// anyone). On a sandbox the request is the identity; naming no active staff member leaves none
// (and says why in `missing`). Call outside any transaction.
IdentityCheck prove_identity(Store& store, Timestamp now, const Caller& caller, const AuditStore& audit = {});

// The time that stamps this command: SVCDESK_NOW on a sandbox, else the system clock.
// SVCDESK_NOW on a production database is refused (Error(permission), recorded in the audit: on
// `audit` when given).
Timestamp trusted_now(Store& store, Zone zone, const Caller& caller, const AuditStore& audit = {});

// `init [--sandbox]`: creates the database, or migrates an existing one. A sandbox can only be
// made new; an existing production database is refused (Error(refused)).
std::unique_ptr<Store> init_database(const Config& config, const std::string& location, bool sandbox);

// `login STAFF`: checks the PIN and opens a session for the caller's OS account and terminal,
// until the end of the staff member's current shift or config.auth.session_hours, whichever
// comes first. A wrong PIN is counted (committed) and refused; after k_pin_attempts in a row
// the PIN is locked until a supervisor sets a new one.
Identity login(Context& ctx, const Caller& caller, const std::string& staff_id, const std::string& pin);
// Checks `pin` against the PIN of `staff` inside the caller's write transaction, as `login` does:
// a wrong PIN is counted (and audited as `<action>.failed`), k_pin_attempts in a row lock it
// (`<action>.locked`); a right one resets the count. Returns the refusal (Error(permission)) to
// throw once the transaction committed, or nothing when the PIN is right. Throws
// Error(permission) at once, writing nothing, when the staff member has no PIN.
std::optional<CommittedFailure> check_staff_pin(Context& ctx, const Staff& staff, const std::string& pin,
                                                std::string_view action, const std::string& detail);
// `logout`: ends the caller's session; false when there was none.
bool logout(Context& ctx, const Caller& caller);
// `staff pin [STAFF]`: sets the actor's own PIN, or (a supervisor) anyone's, which also unlocks it.
void set_pin(Context& ctx, const std::string& staff_id, const std::string& pin);

} // namespace svcdesk
