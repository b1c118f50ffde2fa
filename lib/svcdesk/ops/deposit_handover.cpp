// Shift handover of the deposits in storage (交接班) and `deposit show`.
#include <svcdesk/domain/loan.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/deposits.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/roster.hpp>

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
    if (h.loans_out) {
        for (const auto& l : ctx.store.loans().out_at(h.desk, h.at)) {
            out.loans.push_back({l.id, l.item, l.unit, l.out_at, l.due_at});
        }
    }
    out.state = handover_state(h, ctx.now);
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

// When the incoming staff member must have confirmed: the end of their shift on duty now or
// starting within the hour (the handover is made at the change of shift), else the configured
// time from now.
Timestamp confirm_due(Context& ctx, const Staff& incoming) {
    std::optional<Timestamp> due;
    for (auto at : {ctx.now, ctx.now + std::chrono::hours(1)}) {
        for (const auto& duty : roster_on_duty(ctx, at)) {
            if (duty.staff.id == incoming.id && duty.span.to > ctx.now && (!due || duty.span.to < *due)) due = duty.span.to;
        }
        if (due) return *due;
    }
    return ctx.now + ctx.config.deposits.handover_confirm_within;
}

} // namespace

HandoverDetail handover(Context& ctx, const std::string& desk_id, const std::string& to) {
    const auto& desk = ctx.config.desk(desk_id);
    Handover h;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        auto incoming = ctx.store.staff().find(to);
        if (!incoming) fail(Code::not_found, "no staff member '{}'; see: svcdesk staff list", to);
        if (!incoming->active) fail(Code::refused, "staff member {} is deactivated and cannot take over", to);
        if (incoming->id == actor.id) fail(Code::refused, "a handover goes to the incoming staff member, not to yourself");
        if (!may(*incoming, Permission::deposit_work)) {
            fail(Code::refused, "staff member {} does not handle deposits (that needs the role {}) and cannot take over",
                 incoming->id, allowed_roles_text(Permission::deposit_work));
        }
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
        h.confirm_due = confirm_due(ctx, *incoming);
        // The loans go with the shift (issue 24): items out and the deposit cash on hand, counted
        // as `loan cash` counts it (a loan made or returned in this second included).
        h.loans_out = static_cast<int>(ctx.store.loans().out_at(desk.id, h.at).size());
        h.loan_cash = ctx.store.loans().cash(desk.id, std::nullopt, h.at + std::chrono::seconds(1)).closing();
        h.id = ctx.store.deposits().insert_handover(h);
        record_audit(ctx, "deposit.handover", fmt::format("handover H{}", h.id),
                     fmt::format("{}: {} deposit(s), {} piece(s){} to {}, to confirm by {}", h.desk, h.contents.size(),
                                 h.pieces(),
                                 handover_has_loans(h) ? fmt::format("; {} loan item(s) out, loan cash {} yuan",
                                                                     *h.loans_out, format_yuan(*h.loan_cash))
                                                       : std::string(),
                                 h.to_staff, format_local(*h.confirm_due, ctx.zone())));
    });
    HandoverDetail detail;
    ctx.store.read([&] { detail = detail_of(ctx, h); });
    return detail;
}

HandoverDetail confirm_handover(Context& ctx, const std::string& ref, int pieces,
                                const std::optional<std::vector<std::string>>& tags_text, const LoanCount& loans) {
    std::string folded;
    for (char c : ref) folded += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto id = number_after(folded, 'H');
    if (!id) {
        id = number_after(folded, 'D'); // a bare number ("3")
        if (!id || (!folded.empty() && folded[0] == 'D')) fail(Code::invalid, "'{}' is not a handover id (H3)", ref);
    }
    if (pieces < 0 || pieces > 1'000'000) fail(Code::invalid, "--pieces must be a count of the pieces found (0 or more)");
    if (loans.items && (*loans.items < 0 || *loans.items > 1'000'000)) {
        fail(Code::invalid, "--loans-counted must be a count of the loan items out (0 or more)");
    }
    if (loans.cash && *loans.cash < 0) fail(Code::invalid, "--cash-counted must be 0 or more yuan");
    std::optional<std::vector<std::string>> tags;
    if (tags_text) {
        tags.emplace();
        for (const auto& t : *tags_text) {
            auto tag = normalize_tag(t);
            if (std::find(tags->begin(), tags->end(), tag) == tags->end()) tags->push_back(tag);
        }
    }
    Handover h;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        auto found = ctx.store.deposits().find_handover(*id);
        if (!found) fail(Code::not_found, "no handover H{}", *id);
        h = std::move(*found);
        // Seed 001 §五.8: the incoming staff member counts and confirms, as themselves.
        if (actor.id != h.to_staff) {
            fail(Code::permission, "handover H{} is confirmed by {}, the incoming staff member, as themselves; {} is "
                                   "not", h.id, h.to_staff, actor.id);
        }
        if (h.confirmed_at) {
            fail(Code::refused, "handover H{} was already confirmed at {}", h.id, format_local(*h.confirmed_at, ctx.zone()));
        }
        // Issue 24: the cash must balance at every handover, so loans handed over are counted.
        if (handover_has_loans(h) && (!loans.items || !loans.cash)) {
            fail(Code::invalid, "handover H{} includes {} loan item(s) out and {} yuan of loan deposits: count them "
                                "too (--loans-counted N --cash-counted YUAN)",
                 h.id, h.loans_out.value_or(0), format_yuan(h.loan_cash.value_or(0)));
        }
        h.confirmed_at = ctx.now;
        h.pieces_counted = pieces;
        h.tags_counted = tags;
        h.loans_counted = loans.items;
        h.cash_counted = loans.cash;
        h.discrepancy = handover_discrepancy(h, pieces, tags, loans.items, loans.cash);
        ctx.store.deposits().confirm_handover(h);
        auto subject = fmt::format("handover H{}", h.id);
        record_audit(ctx, "deposit.handover_confirm", subject,
                     fmt::format("{}: {} piece(s) counted{}{}", h.desk, pieces,
                                 loans.cash ? fmt::format("; {} loan item(s), loan cash {} yuan", loans.items.value_or(0),
                                                          format_yuan(*loans.cash))
                                            : std::string(),
                                 handover_missed(h, ctx.now) ? ", after its due time" : ""));
        if (h.discrepancy) record_audit(ctx, "deposit.handover_difference", subject, *h.discrepancy);
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
