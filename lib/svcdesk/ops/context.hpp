#pragma once
// What every use case needs: configuration, storage, the clock and who is acting.

#include <svcdesk/config/config.hpp>
#include <svcdesk/domain/staff.hpp>
#include <svcdesk/store/store.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// How the acting staff member was proven (ops/identity.hpp).
enum class Proof {
    sandbox, // --as on a sandbox database, taken at its word
    login,   // the OS user bound to them (SQLite)
    pin,     // a PIN session on this OS account and terminal
    db_role, // the PostgreSQL role the server authenticated
};
std::string_view proof_name(Proof proof);

struct Context {
    const Config& config;
    Store& store;
    Timestamp now;
    std::optional<std::string> actor; // the proven staff member (ops/identity.hpp)
    std::optional<Proof> proof = std::nullopt;
    // Why there is no actor, for the refusal of a command that needs one.
    std::string no_identity = {};
    std::string os_user = {}; // the real OS user running the command (bootstrap, sessions)

    // What the command has to tell the user besides its result (an ambiguous time taken at its
    // earlier instant); the CLI prints them on standard error.
    std::vector<std::string> notices = {};

    Zone zone() const { return config.zone; }
    // A time the user typed, in the site's zone and within [limits]' years (svcdesk::parse_time);
    // an ambiguous one adds a notice.
    Timestamp parse_time(std::string_view text);
};

// The acting staff member, who must exist and be active. Call inside a transaction.
// Throws Error(permission) otherwise.
Staff require_actor(Context& ctx);
// Like require_actor, and the actor must be a supervisor (SPEC §5).
Staff require_supervisor(Context& ctx, std::string_view action);

} // namespace svcdesk
