#include <svcdesk/domain/customer.hpp>
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/customers.hpp>
#include <svcdesk/ops/loans.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/ops/reveal.hpp>
#include <svcdesk/text.hpp>

#include <algorithm>
#include <cctype>

namespace svcdesk {
namespace {

std::string loan_subject(const Loan& l) { return fmt::format("loan {}", l.id); }

const LoanKind& loan_kind_of(Context& ctx, const std::string& desk, const std::string& item) {
    if (auto* k = ctx.config.loans.find(desk, item)) return *k;
    auto kinds = ctx.config.loans.kinds_text(desk);
    if (kinds.empty()) {
        throw Error(Code::invalid, fmt::format(fmt::runtime(_("desk {0} lends nothing ([loans.{0}] in config)")), desk));
    }
    throw Error(Code::invalid,
                fmt::format(fmt::runtime(_("desk {0} does not lend '{1}' (one of: {2})")), desk, item, kinds));
}

// "张* (loan 3, since 2026-11-21 09:14), ...": who holds the units of a kind with none left.
std::string loan_holders(Context& ctx, const std::vector<Loan>& open) {
    std::string out;
    for (const auto& l : open) {
        out += (out.empty() ? "" : ", ") +
               fmt::format(fmt::runtime(_("{0} (loan {1}, since {2})")), mask_name(l.borrower), l.id,
                           format_local(l.out_at, ctx.zone()));
    }
    return out;
}

} // namespace

LoanId parse_loan_ref(std::string_view text) {
    auto digits = text;
    if (!digits.empty() && (digits[0] == 'L' || digits[0] == 'l')) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 15 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
        throw Error(Code::invalid, fmt::format(fmt::runtime(_("'{0}' is not a loan id (e.g. 12 or L12)")), text));
    }
    return std::stoll(std::string(digits));
}

LoanId loan_out(Context& ctx, const LoanRequest& r) {
    check_text("borrower", r.borrower, ctx.config.limits.customer, true);
    auto phone = normalize_phone(r.phone, ctx.config.default_country);
    check_id_number(ctx, "--id-number", r.id_number, r.id_type);
    if (r.desk) ctx.config.desk(*r.desk);
    LoanId id = 0;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::deposit_work);
        Loan l;
        l.desk = acting_desk(ctx, actor, r.desk);
        const auto& kind = loan_kind_of(ctx, l.desk, r.item);
        auto held = ctx.store.loans().open_units(l.desk, kind.id);
        // The lowest unit number no open loan holds; the unique index settles a race for it.
        int unit = 1;
        for (int u : held) {
            if (u == unit) ++unit;
        }
        if (static_cast<int>(held.size()) >= kind.in_service() || unit > kind.in_service()) {
            LoanFilter f;
            f.desk = l.desk;
            f.item = kind.id;
            f.states = {LoanState::out, LoanState::overdue};
            f.now = ctx.now;
            auto open = ctx.store.loans().list(f);
            std::sort(open.begin(), open.end(), [](const Loan& a, const Loan& b) { return a.out_at < b.out_at; });
            throw Error(Code::refused,
                        fmt::format(fmt::runtime(_("no {0} ({1}) is available at desk {2}: {3} in service{4}{5}")),
                                    kind.id, kind.name, l.desk, kind.in_service(),
                                    open.empty() ? "" : _(", held by "), loan_holders(ctx, open)));
        }
        auto digest = digest_id_number(r.id_number, ctx.store.salt(), ctx.config.deposits.hash_iterations);
        l.item = kind.id;
        l.unit = unit;
        l.borrower = r.borrower;
        l.phone = phone;
        l.id_last4 = digest.last4;
        l.id_hash = digest.hash;
        l.deposit = r.deposit.value_or(kind.deposit);
        l.out_at = ctx.now;
        l.due_at = ctx.now + kind.period;
        l.lent_by = actor.id;
        l.id = id = ctx.store.loans().insert(l);
        note_desk_customer(ctx, l.borrower, l.phone);
        record_audit(ctx, "loan.out", loan_subject(l),
                     fmt::format("{} no. {} at desk {}; deposit {} yuan; due {}", l.item, l.unit, l.desk,
                                 format_yuan(l.deposit), format_iso(l.due_at, ctx.zone())));
    });
    return id;
}

Loan loan_return(Context& ctx, const ReturnRequest& r) {
    auto id = parse_loan_ref(r.loan);
    std::optional<std::string> reason, note;
    if (r.reason) {
        check_text("reason", *r.reason, ctx.config.limits.note, true);
        reason = screen_id_numbers(ctx.config.privacy, "reason", *r.reason);
    }
    if (r.note) {
        check_text("note", *r.note, ctx.config.limits.note, false);
        note = screen_id_numbers(ctx.config.privacy, "note", *r.note);
    }
    if (r.keep > 0 && r.condition == LoanCondition::ok) {
        throw Error(Code::invalid, _("a deposit is kept only for damage or loss: give --condition damaged or lost"));
    }
    Loan l;
    ctx.store.write([&] {
        auto actor = r.keep > 0 ? require_supervisor(ctx, "keep a loan deposit")
                                : require_permission(ctx, Permission::deposit_work);
        auto found = ctx.store.loans().find(id, true);
        if (!found) throw Error(Code::not_found, fmt::format(fmt::runtime(_("no loan {0}")), id));
        l = *found;
        if (l.returned()) {
            throw Error(Code::refused, fmt::format(fmt::runtime(_("loan {0} was returned already ({1})")), l.id,
                                                   format_local(*l.returned_at, ctx.zone())));
        }
        l.refunded = refund_of(l, r.condition, r.keep, reason.has_value());
        l.kept = r.keep;
        l.condition = r.condition;
        l.returned_at = ctx.now;
        l.returned_by = actor.id;
        if (r.keep > 0) l.kept_by = actor.id;
        if (reason && note) l.note = *reason + "; " + *note;
        else l.note = reason ? reason : note;
        ctx.store.loans().update(l);
        cancel_loan_callback(ctx, l.id, fmt::format("loan {} was returned", l.id));
        record_audit(ctx, "loan.return", loan_subject(l),
                     fmt::format("{} no. {}: {}; refunded {} yuan{}", l.item, l.unit, to_string(r.condition),
                                 format_yuan(l.refunded), is_overdue(*found, ctx.now) ? "; overdue" : ""));
        if (l.kept > 0) {
            record_audit(ctx, "loan.keep", loan_subject(l),
                         fmt::format("kept {} of {} yuan: {}", format_yuan(l.kept), format_yuan(l.deposit), *reason));
        }
    });
    return l;
}

std::vector<Loan> list_loans(Context& ctx, LoanFilter filter, bool reveal) {
    if (filter.desk) ctx.config.desk(*filter.desk);
    filter.now = ctx.now;
    return read_revealing<Loan>(ctx, reveal, "loan.reveal", "loans", "loan",
                                [&] { return ctx.store.loans().list(filter); });
}

std::vector<LoanStock> loan_stock(Context& ctx, const std::optional<std::string>& desk) {
    if (desk) ctx.config.desk(*desk);
    std::vector<LoanStock> out;
    for (const auto& [desk_id, kinds] : ctx.config.loans.inventory) {
        if (desk && *desk != desk_id) continue;
        for (const auto& k : kinds) out.push_back({desk_id, k});
    }
    if (desk && out.empty()) {
        throw Error(Code::not_found, fmt::format(fmt::runtime(_("desk {0} lends nothing ([loans.{0}] in config)")), *desk));
    }
    ctx.store.read([&] {
        LoanFilter f;
        f.desk = desk;
        f.states = {LoanState::out, LoanState::overdue};
        f.now = ctx.now;
        for (const auto& l : ctx.store.loans().list(f)) {
            for (auto& s : out) {
                if (s.desk != l.desk || s.kind.id != l.item) continue;
                (is_overdue(l, ctx.now) ? s.overdue : s.out) += 1;
            }
        }
    });
    return out;
}

LoanCash loan_cash(Context& ctx, const std::string& desk, date::local_days day) {
    ctx.config.desk(desk);
    auto from = start_of_day(day, ctx.zone());
    auto to = start_of_day(day + date::days{1}, ctx.zone());
    LoanCash c;
    ctx.store.read([&] {
        auto before = ctx.store.loans().cash(desk, std::nullopt, from);
        c = ctx.store.loans().cash(desk, from, to);
        c.opening = before.closing();
    });
    return c;
}

} // namespace svcdesk
