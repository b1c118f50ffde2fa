#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/ops/context.hpp>

#include <fmt/format.h>

namespace svcdesk {

std::string_view proof_name(Proof proof) {
    switch (proof) {
    case Proof::sandbox: return "sandbox";
    case Proof::login: return "login";
    case Proof::pin: return "pin";
    case Proof::db_role: return "db-role";
    }
    return "?";
}

Timestamp Context::parse_time(std::string_view text) {
    bool ambiguous = false;
    auto t = svcdesk::parse_time(text, zone(), now, config.limits.years, &ambiguous);
    if (ambiguous) {
        notices.push_back(format_message("'{}' happens twice in {} (the clocks go back): taken as {}, the earlier", text,
                                      zone()->name(), format_iso(t, zone())));
    }
    return t;
}

Staff require_actor(Context& ctx) {
    if (!ctx.actor || ctx.actor->empty()) {
        if (!ctx.no_identity.empty()) fail(Code::permission, "no identity: {}", ctx.no_identity);
        fail(Code::permission, "this command needs to know who you are: say it with --as STAFF or SVCDESK_USER");
    }
    auto staff = ctx.store.staff().find(*ctx.actor);
    if (!staff) fail(Code::permission, "'{}' is not a staff member; see: svcdesk staff list", *ctx.actor);
    if (!staff->active) fail(Code::permission, "staff member {} is deactivated and may not act", staff->id);
    return *staff;
}

Staff require_supervisor(Context& ctx, std::string_view action) {
    auto staff = require_actor(ctx);
    if (!staff.is_supervisor()) {
        fail(Code::permission, "only a supervisor may {}; {} is not one", _(std::string(action).c_str()), staff.id);
    }
    return staff;
}

} // namespace svcdesk
