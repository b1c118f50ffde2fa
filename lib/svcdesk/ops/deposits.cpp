#include <svcdesk/domain/customer.hpp>
#include <svcdesk/domain/id_number.hpp>
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/customers.hpp>
#include <svcdesk/ops/deposits.hpp>
#include <svcdesk/domain/pin.hpp>
#include <svcdesk/ops/identity.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/ops/reveal.hpp>
#include <svcdesk/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace svcdesk {
namespace {

using Details = nlohmann::ordered_json;

void record(Context& ctx, const Deposit& d, const Staff& actor, std::string action, Details details = Details::object()) {
    DepositEvent e;
    e.deposit = d.id;
    e.at = ctx.now;
    e.actor = actor.id;
    e.action = std::move(action);
    e.details = details.dump();
    ctx.store.deposits().add_event(e);
}

// The stored deposit holding `tag`, locked for the write that changes it; not_found (3) names
// what the tag last held, if anything.
Deposit active(Context& ctx, const std::string& tag) {
    if (auto d = ctx.store.deposits().find_active_for_update(tag)) return *d;
    if (auto last = ctx.store.deposits().find_latest(tag)) {
        fail(Code::not_found, "no deposit in storage holds tag {} (its last deposit, {}, was {} {})", tag, last->id,
             to_string(last->status),
             format_local(last->released_at ? *last->released_at : last->disposed_at.value_or(last->deposited_at),
                          ctx.zone()));
    }
    fail(Code::not_found, "no deposit in storage holds tag {}", tag);
}

void refuse_if_lost(Context& ctx, const Deposit& d) {
    if (!d.lost()) return;
    fail(Code::refused,
         "tag {} was reported lost at {}: deposit {} is released only by `deposit claim` with the depositor's ID "
         "number and the item details",
         d.tag, format_local(*d.lost_at, ctx.zone()), d.id);
}

void release(Context& ctx, Deposit& d, const Staff& actor, ReleaseKind kind) {
    d.status = DepositStatus::released;
    d.released_at = ctx.now;
    d.released_by = actor.id;
    d.release_kind = kind;
    ctx.store.deposits().update(d);
}

std::string screen_message(const ScreenHit& hit) {
    const auto& c = *hit.category;
    auto text = format_message("item description mentions '{}' (prohibited: {}{}): not accepted for deposit", hit.keyword, c.id,
                            c.name.empty() ? "" : " (" + c.name + ")");
    if (!c.advice.empty()) text += "; " + c.advice;
    return text;
}

} // namespace

std::string deposit_subject(const Deposit& d) { return fmt::format("deposit {}", d.id); }

DepositId deposit_in(Context& ctx, const DepositRequest& r) {
    const auto& policy = ctx.config.deposits;
    auto tag = normalize_tag(r.tag);
    check_text("depositor", r.depositor, ctx.config.limits.customer, true);
    auto phone = normalize_phone(r.phone, ctx.config.default_country);
    check_text("items", r.items, policy.items_max, true);
    auto items = screen_id_numbers(ctx.config.privacy, "items", r.items);
    if (r.pieces < 1 || r.pieces > policy.max_pieces) {
        fail(Code::invalid, "--pieces must be between 1 and {} (count the items with the depositor)", policy.max_pieces);
    }
    // A typo refused now, not found when the depositor comes back (seed 001 §七); the number is
    // hashed inside the transaction, with the salt.
    check_id_number(ctx, "--id-number", r.id_number, r.id_type);
    if (auto hit = screen_items(items, policy.prohibited))
        throw Error(Code::refused, screen_message(*hit));
    if (!r.checked) {
        fail(Code::invalid, "confirm with --checked that the items were counted and inspected in front of the depositor");
    }
    if (r.desk) ctx.config.desk(*r.desk);

    DepositId id = 0;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        Deposit d;
        d.desk = acting_desk(ctx, actor, r.desk);
        const auto& pools = policy.pools(d.desk);
        if (pools.empty()) fail(Code::refused, "desk {} has no deposit tags configured ([deposits.tag_pools])", d.desk);
        if (std::none_of(pools.begin(), pools.end(), [&](const TagPool& p) { return p.contains(tag); })) {
            fail(Code::refused, "tag {} is not in the {} desk's pool ({})", tag, d.desk, policy.pools_text(d.desk));
        }
        if (auto holder = ctx.store.deposits().find_active(tag)) {
            fail(Code::refused, "tag {} is in use by deposit {} (stored {}); pick it up first or use another tag", tag,
                 holder->id, format_local(holder->deposited_at, ctx.zone()));
        }
        auto digest = digest_id_number(r.id_number, ctx.store.salt(), policy.hash_iterations);
        d.tag = tag;
        d.pieces = r.pieces;
        d.items = items;
        d.depositor = r.depositor;
        d.phone = phone;
        d.id_last4 = digest.last4;
        d.id_hash = digest.hash;
        d.sealed = r.sealed;
        d.deposited_at = ctx.now;
        d.due_at = ctx.now + policy.retention;
        d.received_by = actor.id;
        d.id = id = ctx.store.deposits().insert(d);
        note_desk_customer(ctx, d.depositor, d.phone);
        record(ctx, d, actor, "in",
               {{"tag", d.tag},
                {"desk", d.desk},
                {"pieces", d.pieces},
                {"items", d.items},
                {"sealed", d.sealed},
                {"id_type", to_string(r.id_type)},
                {"due_at", format_iso(d.due_at, ctx.zone())}});
    });
    return id;
}

Deposit deposit_out(Context& ctx, const OutRequest& r) {
    auto tag = normalize_tag(r.tag);
    if (!r.pieces) fail(Code::invalid, "--pieces is required: count the items with the depositor");
    if (*r.pieces < 1 || *r.pieces > ctx.config.deposits.max_pieces) {
        fail(Code::invalid, "--pieces must be between 1 and {} (count the items with the depositor)",
             ctx.config.deposits.max_pieces);
    }
    if (r.id_number) check_id_number(ctx, "--id-number", *r.id_number, r.id_type);
    Deposit d;
    std::optional<CommittedFailure> refusal;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        d = active(ctx, tag);
        refuse_if_lost(ctx, d);
        if (*r.pieces != d.pieces) {
            fail(Code::refused, "deposit {} under tag {} was registered with {} piece(s), not {}; count again with the "
                                "depositor", d.id, d.tag, d.pieces, *r.pieces);
        }
        // Seed 001 §七.5, §五.8: past its retention the deposit is unclaimed and handled by rule,
        // never released on the tag alone.
        bool overdue = is_overdue(d, ctx.now);
        if (overdue && !r.id_number) {
            fail(Code::refused, "deposit {} under tag {} is overdue (due {}): it is released only against the "
                                "depositor's ID number (--id-number), or disposed of by a supervisor",
                 d.id, d.tag, format_local(d.due_at, ctx.zone()));
        }
        if (r.id_number && !verify_id_number(*r.id_number, ctx.store.salt(), d.id_hash)) {
            record(ctx, d, actor, "out_refused", {{"reason", "ID number does not match"}, {"overdue", overdue}});
            record_audit(ctx, "deposit.out_refused", deposit_subject(d),
                         fmt::format("tag {}: the ID number does not match", d.tag));
            refusal = CommittedFailure(Code::refused, format_message("the ID number does not match the depositor's of "
                                                                  "deposit {} (tag {}); the attempt is recorded",
                                                                  d.id, d.tag));
            return;
        }
        release(ctx, d, actor, ReleaseKind::out);
        Details details{{"pieces_confirmed", *r.pieces}};
        if (r.id_number) details["id_checked"] = true;
        if (overdue) details["overdue_since"] = format_iso(d.due_at, ctx.zone());
        record(ctx, d, actor, "out", details);
    });
    if (refusal) throw *refusal;
    return d;
}

Deposit report_lost(Context& ctx, const std::string& tag_text) {
    auto tag = normalize_tag(tag_text);
    Deposit d;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        d = active(ctx, tag);
        if (d.lost()) {
            fail(Code::refused, "tag {} was already reported lost at {}", d.tag, format_local(*d.lost_at, ctx.zone()));
        }
        d.lost_at = ctx.now;
        ctx.store.deposits().update(d);
        record(ctx, d, actor, "lost");
    });
    return d;
}

Deposit claim_deposit(Context& ctx, const std::string& tag_text, const std::string& id_number,
                      const std::string& items_text, IdType id_type) {
    auto tag = normalize_tag(tag_text);
    check_id_number(ctx, "--id-number", id_number, id_type);
    check_text("items", items_text, ctx.config.deposits.items_max, true);
    auto items = screen_id_numbers(ctx.config.privacy, "items", items_text);
    Deposit d;
    std::optional<CommittedFailure> refusal;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        d = active(ctx, tag);
        if (!d.lost()) {
            fail(Code::refused, "tag {} has not been reported lost: release with `deposit out {}`, or report the loss "
                                "first with `deposit lost {}`", d.tag, d.tag, d.tag);
        }
        auto given_last4 = normalize_id_number(id_number);
        given_last4 = given_last4.substr(given_last4.size() - 4);
        if (!verify_id_number(id_number, ctx.store.salt(), d.id_hash)) {
            // The failed attempt is part of the record (seed 001 §七.6), so it commits anyway.
            record(ctx, d, actor, "claim_refused",
                   {{"reason", "ID number does not match"}, {"id_last4_given", given_last4}, {"items_described", items}});
            record_audit(ctx, "deposit.claim_refused", deposit_subject(d),
                         fmt::format("tag {}: the ID number does not match", d.tag));
            refusal = CommittedFailure(Code::refused, format_message("the ID number does not match the depositor's of deposit {} "
                                                       "(tag {}); the attempt is recorded", d.id, d.tag));
            return;
        }
        // Seed 001 §七.6: the details of the items are checked too, not only the ID.
        if (!items_match(items, d.items)) {
            record(ctx, d, actor, "claim_refused",
                   {{"reason", "item details do not match"}, {"items_described", items}});
            record_audit(ctx, "deposit.claim_refused", deposit_subject(d),
                         fmt::format("tag {}: the item details do not match the record", d.tag));
            refusal = CommittedFailure(Code::refused,
                                       format_message("the items described do not match what was registered under deposit {} "
                                                   "(tag {}); the attempt is recorded. Ask the depositor to name every "
                                                   "item", d.id, d.tag));
            return;
        }
        release(ctx, d, actor, ReleaseKind::claim);
        record(ctx, d, actor, "claim", {{"id_last4", d.id_last4}, {"items_described", items}});
    });
    if (refusal) throw *refusal;
    return d;
}

Deposit proxy_pickup(Context& ctx, const ProxyRequest& r) {
    auto tag = normalize_tag(r.tag);
    check_text("proxy", r.proxy_name, ctx.config.limits.customer, true);
    check_id_number(ctx, "--proxy-id-number", r.proxy_id_number, r.proxy_id_type);
    check_id_number(ctx, "--id-number", r.id_number, r.id_type);
    if (r.approver_pin) validate_pin(*r.approver_pin);
    Deposit d;
    std::optional<CommittedFailure> refusal, pin_refusal;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        // Seed 001 §七.7, SPEC §5: a supervisor approves, by acting or by confirming with their
        // own PIN in this command; a typed id proves nothing.
        Staff approver = actor;
        if (r.approver && *r.approver != actor.id) {
            if (!r.approver_pin) {
                fail(Code::permission, "--approver {} without their PIN is no approval: the supervisor confirms with "
                                       "--approver-pin-stdin, or runs the command", *r.approver);
            }
            auto found = ctx.store.staff().find(*r.approver);
            if (!found) fail(Code::permission, "--approver {}: no such staff member", *r.approver);
            if (!found->active) fail(Code::permission, "--approver {} is deactivated", found->id);
            if (!may(*found, Permission::proxy_approve)) {
                fail(Code::permission, "--approver {} may not approve proxy pickups: that needs the role {}", found->id,
                     allowed_roles_text(Permission::proxy_approve));
            }
            pin_refusal = check_staff_pin(ctx, *found, *r.approver_pin, "deposit.approve",
                                          fmt::format("proxy pickup of tag {} run by {}", tag, actor.id));
            if (pin_refusal) return;
            approver = *found;
        } else if (!may(actor, Permission::proxy_approve)) {
            fail(Code::permission,
                 "only a supervisor may approve proxy pickups; {} is not one: the supervisor runs the command, or "
                 "confirms it with --approver STAFF --approver-pin-stdin",
                 actor.id);
        }
        if (r.approved_by && *r.approved_by != approver.id) {
            fail(
                Code::permission,
                "--approved-by {} is not the acting staff member {}: the supervisor who approves a "
                "proxy pickup runs the command",
                *r.approved_by, approver.id);
        }
        d = active(ctx, tag);
        refuse_if_lost(ctx, d);
        auto salt = ctx.store.salt();
        if (!verify_id_number(r.id_number, salt, d.id_hash)) {
            record(ctx, d, actor, "proxy_refused",
                   {{"reason", "depositor's ID number does not match"},
                    {"proxy", r.proxy_name},
                    {"approved_by", approver.id}});
            record_audit(
                ctx, "deposit.proxy", deposit_subject(d),
                fmt::format("tag {}: refused, the depositor's ID number does not match", d.tag));
            refusal = CommittedFailure(Code::refused, format_message("the depositor's ID number does not match deposit {} (tag {}); "
                                                       "the attempt is recorded", d.id, d.tag));
            return;
        }
        auto proxy = digest_id_number(r.proxy_id_number, salt, ctx.config.deposits.hash_iterations);
        d.proxy_name = r.proxy_name;
        d.proxy_id_last4 = proxy.last4;
        d.proxy_id_hash = proxy.hash;
        d.approved_by = approver.id;
        release(ctx, d, actor, ReleaseKind::proxy);
        record(ctx, d, actor, "proxy",
               {{"proxy", r.proxy_name},
                {"proxy_id_last4", proxy.last4},
                {"approved_by", approver.id}});
        record_audit(ctx, "deposit.proxy", deposit_subject(d),
                     fmt::format("tag {}: released to a proxy, approved by {}{}", d.tag, approver.id,
                                 approver.id == actor.id ? "" : " with their PIN"));
    });
    if (pin_refusal) throw *pin_refusal;
    if (refusal) throw *refusal;
    return d;
}

Deposit dispose_deposit(Context& ctx, const std::string& tag_text, const std::string& method_text) {
    auto tag = normalize_tag(tag_text);
    check_text("method", method_text, ctx.config.limits.note, true);
    auto method = screen_id_numbers(ctx.config.privacy, "method", method_text);
    Deposit d;
    ctx.store.write([&] {
        auto actor = require_supervisor(ctx, "dispose of unclaimed deposits");
        d = active(ctx, tag);
        if (!is_overdue(d, ctx.now)) {
            fail(Code::refused, "deposit {} under tag {} is not overdue: it is kept until {}", d.id, d.tag,
                 format_local(d.due_at, ctx.zone()));
        }
        d.status = DepositStatus::disposed;
        d.disposed_at = ctx.now;
        d.disposed_by = actor.id;
        d.disposal_method = method;
        ctx.store.deposits().update(d);
        record(ctx, d, actor, "dispose", {{"method", method}, {"due_at", format_iso(d.due_at, ctx.zone())}});
        record_audit(ctx, "deposit.dispose", deposit_subject(d),
                     fmt::format("tag {}: {}", d.tag, method));
    });
    return d;
}

std::vector<Deposit> list_deposits(Context& ctx, DepositFilter filter, bool reveal) {
    if (filter.desk) ctx.config.desk(*filter.desk);
    filter.now = ctx.now;
    return read_revealing<Deposit>(ctx, reveal, "deposit.reveal", "deposits", "deposit",
                                   [&] { return ctx.store.deposits().list(filter); });
}

} // namespace svcdesk
