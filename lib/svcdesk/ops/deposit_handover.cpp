// Shift handover of the deposits in storage (交接班) and `deposit show`.
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/deposits.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <set>

namespace svcdesk {
namespace {

// The ins and outs recorded at the desk between the previous handover and this one.
HandoverDetail detail_of(Context& ctx, Handover h) {
    HandoverDetail out;
    if (h.previous) out.previous = ctx.store.deposits().find_handover(*h.previous);
    std::int64_t after = out.previous ? out.previous->last_event_id : 0;
    for (const auto& e : ctx.store.deposits().desk_events(h.desk, after, h.last_event_id)) {
        bool in = e.action == "in";
        bool gone = e.action == "out" || e.action == "claim" || e.action == "proxy" || e.action == "dispose";
        if (!in && !gone) continue;
        auto d = ctx.store.deposits().find(e.deposit);
        HandoverChange change{e.deposit, d ? d->tag : "", d ? d->pieces : 0, e.action, e.at, e.actor};
        (in ? out.ins : out.outs).push_back(std::move(change));
    }
    std::set<DepositId> expected, actual;
    if (out.previous) {
        for (const auto& c : out.previous->contents) expected.insert(c.deposit);
    }
    for (const auto& c : out.ins) expected.insert(c.deposit);
    for (const auto& c : out.outs) expected.erase(c.deposit);
    for (const auto& c : h.contents) actual.insert(c.deposit);
    out.reconciled = expected == actual;
    out.handover = std::move(h);
    return out;
}

std::optional<std::int64_t> number_after(std::string_view text, char prefix) {
    if (!text.empty() && std::toupper(static_cast<unsigned char>(text[0])) == prefix) text.remove_prefix(1);
    else if (prefix != 'D') return std::nullopt;
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n <= 0) return std::nullopt;
    return n;
}

bool in_any_pool(const Config& config, const std::string& tag) {
    for (const auto& [desk, pools] : config.deposits.tag_pools) {
        for (const auto& p : pools) {
            if (p.contains(tag)) return true;
        }
    }
    return false;
}

} // namespace

HandoverDetail handover(Context& ctx, const std::string& desk_id, const std::string& to) {
    const auto& desk = ctx.config.desk(desk_id);
    Handover h;
    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto incoming = ctx.store.staff().find(to);
        if (!incoming) fail(Code::not_found, "no staff member '{}'; see: svcdesk staff list", to);
        if (!incoming->active) fail(Code::refused, "staff member {} is deactivated and cannot take over", to);
        if (incoming->id == actor.id) fail(Code::refused, "a handover goes to the incoming staff member, not to yourself");
        DepositFilter filter;
        filter.desk = desk.id;
        filter.states = {std::begin(k_in_storage), std::end(k_in_storage)};
        filter.now = ctx.now;
        for (const auto& d : ctx.store.deposits().list(filter)) {
            h.contents.push_back({d.id, d.tag, d.pieces, d.items, d.deposited_at, d.lost()});
        }
        std::sort(h.contents.begin(), h.contents.end(),
                  [](const HandoverItem& a, const HandoverItem& b) { return a.tag < b.tag; });
        h.desk = desk.id;
        h.at = ctx.now;
        h.from_staff = actor.id;
        h.to_staff = incoming->id;
        h.last_event_id = ctx.store.deposits().last_event_id();
        if (auto prev = ctx.store.deposits().last_handover(desk.id, std::nullopt)) h.previous = prev->id;
        h.id = ctx.store.deposits().insert_handover(h);
    });
    HandoverDetail detail;
    ctx.store.read([&] { detail = detail_of(ctx, h); });
    return detail;
}

std::variant<DepositDetail, HandoverDetail> show_deposit(Context& ctx, const std::string& ref, bool reveal) {
    std::variant<DepositDetail, HandoverDetail> out;
    // A reveal is written to the audit trail: a write transaction (SPEC §5, issue 18).
    auto run = [&](const std::function<void()>& work) {
        reveal ? ctx.store.write(work) : ctx.store.read(work);
    };
    run([&] {
        if (reveal) require_supervisor(ctx, "reveal personal data");
        std::optional<Deposit> d;
        std::string tag;
        try {
            tag = normalize_tag(ref);
        } catch (const Error&) {
            fail(Code::invalid, "'{}' is neither a tag (A017), a deposit id (12, D12) nor a handover id (H3)", ref);
        }
        // A tag wins over an id, so that numeric tag pools stay usable; "D12" always means the id.
        if (in_any_pool(ctx.config, tag)) {
            d = ctx.store.deposits().find_active(tag);
            if (!d) d = ctx.store.deposits().find_latest(tag);
            if (!d) fail(Code::not_found, "tag {} has never held a deposit", tag);
        } else if (auto h = number_after(tag, 'H')) {
            auto handover = ctx.store.deposits().find_handover(*h);
            if (!handover) fail(Code::not_found, "no handover H{}", *h);
            out = detail_of(ctx, *handover);
            return;
        } else if (auto id = number_after(tag, 'D')) {
            d = ctx.store.deposits().find(*id);
            if (!d) fail(Code::not_found, "no deposit {}", *id);
        } else {
            fail(Code::not_found, "no deposit or handover '{}' (tags are in the pools {})", ref, [&] {
                std::string all;
                for (const auto& [desk, pools] : ctx.config.deposits.tag_pools) {
                    all += (all.empty() ? "" : ", ") + desk + ": " + ctx.config.deposits.pools_text(desk);
                }
                return all;
            }());
        }
        out = DepositDetail{*d, ctx.store.deposits().events(d->id)};
        if (reveal) {
            record_audit(ctx, "deposit.reveal", deposit_subject(*d), fmt::format("tag {}", d->tag));
        }
    });
    return out;
}

} // namespace svcdesk
