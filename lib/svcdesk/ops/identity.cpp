#include <svcdesk/domain/pin.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/database.hpp>
#include <svcdesk/ops/identity.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/store/location.hpp>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <random>

namespace svcdesk {
namespace {

std::string os_user_name(uid_t uid) {
    if (const passwd* pw = ::getpwuid(uid)) return pw->pw_name;
    return fmt::format("#{}", uid);
}

// A PIN session is bound to the OS account, its login session and, on PostgreSQL, the role the
// server authenticated: a session opened through one role does not serve another.
std::string session_key(const Caller& caller, const std::optional<std::string>& role) {
    return role ? caller.terminal + " as " + *role : caller.terminal;
}

std::string requested_text(const Caller& caller) {
    return fmt::format("{} (--as or SVCDESK_USER)", *caller.requested);
}

std::string random_hex(int bytes) {
    std::random_device rd;
    std::string out;
    for (int i = 0; i < bytes; ++i) out += fmt::format("{:02x}", rd() & 0xff);
    return out;
}

// Records a refused identity or clock on the primary: `store`, or `audit` when `store` is a
// replica. Best effort, as record_refusal: a primary out of reach leaves the refusal unrecorded,
// and the command fails all the same.
void record_refused(Store& store, const AuditStore& audit, Timestamp now, std::string action,
                    std::optional<std::string> subject, std::string detail) {
    try {
        record_refusal(audit ? audit() : store, now, std::nullopt, std::move(action), std::move(subject),
                       std::move(detail));
    } catch (...) {
        // the primary cannot be opened: the refusal itself is what the caller must hear
    }
}

} // namespace

Caller current_caller(std::optional<std::string> requested) {
    Caller caller;
    caller.os_user = os_user_name(::getuid());
    for (int fd : {0, 1, 2}) {
        if (!::isatty(fd)) continue;
        if (const char* name = ::ttyname(fd)) {
            std::string_view tty = name;
            if (tty.starts_with("/dev/")) tty.remove_prefix(5);
            caller.terminal = std::string(tty) + " ";
            break;
        }
    }
    caller.terminal += fmt::format("sid {}", ::getsid(0));
    if (requested && !requested->empty()) caller.requested = std::move(requested);
    return caller;
}

IdentityCheck prove_identity(Store& store, Timestamp now, const Caller& caller, const AuditStore& audit) {
    IdentityCheck check;
    store.read([&] {
        check.sandbox = store.sandbox();
        if (check.sandbox && caller.requested) {
            // Taken at its word; a name that is no one is refused by the commands that need someone
            // (the very first `staff add` needs no one).
            auto staff = store.staff().find(*caller.requested);
            if (staff && staff->active) check.identity = Identity{*staff, Proof::sandbox, std::nullopt};
            else if (staff) check.missing = format_message("staff member {} is deactivated and may not act", staff->id);
            else check.missing = format_message("'{}' is not a staff member; see: svcdesk staff list", *caller.requested);
            return;
        }
        auto role = store.session_role();
        if (auto session = store.staff().session(caller.os_user, session_key(caller, role), now)) {
            if (auto staff = store.staff().find(session->staff); staff && staff->active) {
                check.identity = Identity{*staff, Proof::pin, session->expires_at};
                return;
            }
        }
        if (role) {
            if (auto staff = store.staff().find_by_db_role(*role)) check.identity = Identity{*staff, Proof::db_role, {}};
            else check.missing = format_message("database role '{}' is bound to no active staff member", *role);
        } else {
            if (auto staff = store.staff().find_by_login(caller.os_user)) check.identity = Identity{*staff, Proof::login, {}};
            else check.missing = format_message("OS user '{}' is bound to no active staff member", caller.os_user);
        }
        if (!check.identity) {
            check.missing += format_message(" (a supervisor binds you with: svcdesk staff update STAFF --{} {}; on a shared "
                                         "account: svcdesk login STAFF)",
                                         role ? "db-role" : "login", role ? *role : caller.os_user);
        }
    });
    if (!caller.requested || check.sandbox || (check.identity && check.identity->staff.id == *caller.requested)) {
        return check;
    }
    std::string who = check.identity ? fmt::format("{} by {}", check.identity->staff.id, proof_name(check.identity->proof))
                                     : std::string("no one");
    record_refused(store, audit, now, "identity.refused", *caller.requested,
                   fmt::format("OS user {} ({}) asked to act as {}; proven: {}", caller.os_user, caller.terminal,
                               *caller.requested, who));
    if (check.identity) {
        fail(Code::permission, "you are {} ({}), not {}", check.identity->staff.id, proof_name(check.identity->proof),
             requested_text(caller));
    }
    fail(Code::permission, "cannot prove that you are {}: {}", requested_text(caller), check.missing);
}

Timestamp trusted_now(Store& store, Zone zone, const Caller& caller, const AuditStore& audit) {
    auto fixed = clock_override(zone);
    auto now = system_now();
    if (!fixed) return now;
    bool sandbox = false;
    store.read([&] { sandbox = store.sandbox(); });
    if (sandbox) return *fixed;
    record_refused(store, audit, now, "clock.refused", std::nullopt,
                   fmt::format("OS user {} ({}) set SVCDESK_NOW={}", caller.os_user, caller.terminal,
                               std::getenv("SVCDESK_NOW")));
    fail(Code::permission,
         "SVCDESK_NOW is set, but {} is a production database, whose clock is the system's: unset SVCDESK_NOW "
         "(only a sandbox database, made by svcdesk init --sandbox, takes it)",
         store.location());
}

std::unique_ptr<Store> init_database(const Config& config, const std::string& location, bool sandbox) {
    std::unique_ptr<Store> store;
    if (database_exists(location)) {
        try {
            store = open_database(config, location, false);
        } catch (const Error&) {
            if (!is_postgres_location(location)) throw;
            // A PostgreSQL database without svcdesk's tables yet: created below.
        }
    }
    if (store) {
        if (sandbox) {
            bool is_sandbox = false;
            store->read([&] { is_sandbox = store->sandbox(); });
            if (!is_sandbox) {
                fail(Code::refused, "{} is a production database and cannot become a sandbox; make a new one: "
                                    "svcdesk --db NEW init --sandbox",
                     store->location());
            }
        }
        return store;
    }
    store = open_database(config, location, true);
    if (sandbox) store->write([&] { store->mark_sandbox(); });
    return store;
}

std::optional<CommittedFailure> check_staff_pin(Context& ctx, const Staff& staff, const std::string& pin,
                                                std::string_view action, const std::string& detail) {
    auto stored = ctx.store.staff().pin(staff.id);
    auto refusal = [&](std::string_view outcome, std::string message) {
        ctx.store.audit().add({0, ctx.now, std::nullopt, fmt::format("{}.{}", action, outcome), staff.id, detail});
        return CommittedFailure(Code::permission, std::move(message));
    };
    if (stored.hash.empty()) {
        fail(Code::permission, "{} has no PIN; a supervisor sets one with: svcdesk staff pin {} --pin-stdin",
             staff.id, staff.id);
    }
    if (stored.failures >= k_pin_attempts) {
        return refusal("locked", format_message("the PIN of {} is locked after {} failed attempts; a supervisor "
                                             "sets a new one with: svcdesk staff pin {} --pin-stdin",
                                             staff.id, k_pin_attempts, staff.id));
    }
    if (!verify_pin(pin, stored.hash)) {
        int failures = stored.failures + 1;
        ctx.store.staff().set_pin_failures(staff.id, failures);
        return refusal("failed",
                       failures >= k_pin_attempts
                           ? format_message("wrong PIN for {}; it is now locked until a supervisor sets a new one", staff.id)
                           : format_message("wrong PIN for {} ({} attempt(s) left)", staff.id, k_pin_attempts - failures));
    }
    if (stored.failures > 0) ctx.store.staff().set_pin_failures(staff.id, 0);
    return std::nullopt;
}

Identity login(Context& ctx, const Caller& caller, const std::string& staff_id, const std::string& pin) {
    validate_pin(pin);
    Identity identity;
    std::optional<CommittedFailure> refused;
    ctx.store.write([&] {
        auto staff = ctx.store.staff().find(staff_id);
        if (!staff) fail(Code::not_found, "no staff member '{}'", staff_id);
        if (!staff->active) fail(Code::permission, "staff member {} is deactivated and may not act", staff->id);
        refused = check_staff_pin(ctx, *staff, pin, "login", fmt::format("OS user {} ({})", caller.os_user, caller.terminal));
        if (refused) return;
        // Until the end of the shift the member is on now, and never beyond session_hours.
        auto expires = ctx.now + std::chrono::hours(ctx.config.session_hours);
        for (const auto& duty : roster_on_duty(ctx, ctx.now)) {
            if (duty.staff.id == staff->id) expires = std::min(expires, duty.span.to);
        }
        auto key = session_key(caller, ctx.store.session_role());
        ctx.store.staff().end_sessions(caller.os_user, key, ctx.now);
        ctx.store.staff().open_session(staff->id, caller.os_user, key, ctx.now, expires);
        ctx.store.audit().add({0, ctx.now, staff->id, "login", staff->id,
                               fmt::format("OS user {} ({}) until {}", caller.os_user, caller.terminal,
                                           format_local(expires, ctx.zone()))});
        identity = Identity{*staff, Proof::pin, expires};
    });
    if (refused) throw *refused;
    return identity;
}

bool logout(Context& ctx, const Caller& caller) {
    std::int64_t ended = 0;
    ctx.store.write([&] {
        ended = ctx.store.staff().end_sessions(caller.os_user, session_key(caller, ctx.store.session_role()), ctx.now);
        if (ended > 0 && ctx.actor) {
            ctx.store.audit().add({0, ctx.now, ctx.actor, "logout", ctx.actor,
                                   fmt::format("OS user {} ({})", caller.os_user, caller.terminal)});
        }
    });
    return ended > 0;
}

void set_pin(Context& ctx, const std::string& staff_id, const std::string& pin) {
    validate_pin(pin);
    auto hash = hash_pin(pin, random_hex(16));
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto target = ctx.store.staff().find(staff_id);
        if (!target) fail(Code::not_found, "no staff member '{}'", staff_id);
        if (!target->active) fail(Code::refused, "staff member {} is deactivated", staff_id);
        bool own = target->id == actor.id;
        if (!own && !actor.is_supervisor()) {
            fail(Code::permission, "only a supervisor may set another staff member's PIN; {} is not one", actor.id);
        }
        if (own && !actor.is_supervisor() && ctx.store.staff().pin(target->id).failures >= k_pin_attempts) {
            fail(Code::permission, "your PIN is locked after {} failed attempts; a supervisor sets a new one",
                 k_pin_attempts);
        }
        ctx.store.staff().set_pin(target->id, hash);
        record_audit(ctx, own ? "pin.set" : "pin.reset", target->id);
    });
}

} // namespace svcdesk
