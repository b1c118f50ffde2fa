#include <svcdesk/error.hpp>
#include <svcdesk/ops/command.hpp>

#include <optional>

namespace svcdesk {
namespace {

// The declared actor's check, kept for later instead of thrown (see run_command).
std::optional<Error> actor_refusal(Context& ctx, const CommandInfo& info) {
    try {
        if (info.actor == Actor::staff) require_actor(ctx);
        if (info.actor == Actor::supervisor) require_supervisor(ctx, info.action);
    } catch (const Error& e) {
        return e;
    }
    return std::nullopt;
}

} // namespace

void run_command(Context& ctx, const CommandInfo& info, const std::function<void()>& work,
                 const std::function<bool()>& again) {
    if (info.access == Access::none || info.access == Access::own) {
        work();
        return;
    }
    if (!info.writes()) {
        ctx.store.read([&] {
            auto refusal = actor_refusal(ctx, info);
            work();
            if (refusal) throw *refusal;
        });
        return;
    }
    std::optional<CommittedFailure> failure;
    const auto notices = ctx.notices.size();
    ctx.store.write(
        [&] {
            failure.reset();
            auto refusal = actor_refusal(ctx, info);
            try {
                work();
            } catch (const CommittedFailure& e) {
                if (refusal) throw *refusal;
                failure = e;
            }
            if (refusal) throw *refusal;
        },
        [&] {
            ctx.notices.resize(notices);
            return !again || again();
        });
    if (failure) throw *failure;
}

} // namespace svcdesk
