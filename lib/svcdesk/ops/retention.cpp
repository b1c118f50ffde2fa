#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/retention.hpp>
#include <svcdesk/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace svcdesk {
namespace {

// What a purge is to anonymise, decided by reading only (a dry run stops there).
struct PurgePlan {
    std::vector<std::int64_t> unphoned_tickets;                  // tickets without a phone
    std::map<std::string, std::vector<std::int64_t>> tickets;    // a caller's tickets, by phone
    std::vector<std::int64_t> deposits, loans, customers;
    std::int64_t callbacks = 0;
};

bool purge_due(const Context& ctx, const RetentionTicket& t) {
    TicketEnd end{t.ended, t.ended_at, ctx.config.is_complaint(t.category), t.callback_pending, t.last_callback};
    auto at = ticket_purge_time(end, ctx.config.retention);
    return at && *at <= ctx.now;
}

// Customers whose phone has no record left once the plan's are anonymised.
void plan_purge_customers(Context& ctx, PurgePlan& plan, const std::set<std::string>& phones) {
    auto& repo = ctx.store.retention();
    std::map<std::string, std::size_t> planned;
    for (const auto& [phone, ids] : plan.tickets) planned[phone] += ids.size();
    const std::set<std::int64_t> deposit_ids(plan.deposits.begin(), plan.deposits.end());
    const std::set<std::int64_t> loan_ids(plan.loans.begin(), plan.loans.end());
    auto count = [&](const std::set<std::int64_t>& ids, const std::vector<RetentionRecord>& all) {
        for (const auto& r : all) {
            if (ids.count(r.id) > 0) ++planned[r.phone];
        }
    };
    for (const auto& phone : phones) {
        auto deposits = repo.deposits_of(phone);
        auto loans = repo.loans_of(phone);
        count(deposit_ids, deposits);
        count(loan_ids, loans);
        auto left = repo.tickets_of(phone).size() + deposits.size() + loans.size();
        if (left != planned[phone]) continue;
        if (auto id = repo.customer_of(phone)) plan.customers.push_back(*id);
    }
}

PurgePlan plan_purge(Context& ctx) {
    auto& repo = ctx.store.retention();
    const auto& policy = ctx.config.retention;
    PurgePlan plan;
    std::set<std::string> phones;
    for (const auto& t : repo.ended_tickets(ctx.now - std::min(policy.tickets, policy.complaints))) {
        if (!purge_due(ctx, t)) continue;
        if (!t.phone) {
            plan.unphoned_tickets.push_back(t.id);
            plan.callbacks += t.callbacks;
        } else {
            phones.insert(*t.phone);
        }
    }
    // A caller's tickets together, once every one of them is due (the key that replaces the
    // phone must count the same calls as the phone did).
    for (auto it = phones.begin(); it != phones.end();) {
        auto all = repo.tickets_of(*it);
        if (!std::all_of(all.begin(), all.end(), [&](const RetentionTicket& t) { return purge_due(ctx, t); })) {
            it = phones.erase(it);
            continue;
        }
        for (const auto& t : all) {
            plan.tickets[*it].push_back(t.id);
            plan.callbacks += t.callbacks;
        }
        ++it;
    }
    for (const auto& d : repo.ended_deposits(ctx.now - policy.deposits)) {
        plan.deposits.push_back(d.id);
        phones.insert(d.phone);
    }
    for (const auto& l : repo.ended_loans(ctx.now - policy.loans)) {
        plan.loans.push_back(l.id);
        phones.insert(l.phone);
    }
    plan_purge_customers(ctx, plan, phones);
    return plan;
}

PurgeResult purge_counts(const PurgePlan& plan, bool dry_run) {
    PurgeResult r;
    r.dry_run = dry_run;
    r.tickets = static_cast<std::int64_t>(plan.unphoned_tickets.size());
    for (const auto& [phone, ids] : plan.tickets) r.tickets += static_cast<std::int64_t>(ids.size());
    r.callbacks = plan.callbacks;
    r.deposits = static_cast<std::int64_t>(plan.deposits.size());
    r.loans = static_cast<std::int64_t>(plan.loans.size());
    r.customers = static_cast<std::int64_t>(plan.customers.size());
    return r;
}

void apply_purge(Context& ctx, const PurgePlan& plan) {
    auto& repo = ctx.store.retention();
    for (auto id : plan.unphoned_tickets) repo.purge_ticket(id, std::nullopt, ctx.now);
    for (const auto& [phone, ids] : plan.tickets) {
        // The caller's customer record gives the key; tickets with no record, their first id.
        auto customer = repo.customer_of(phone);
        auto key = customer ? erased_phone_key(*customer) : "#t" + std::to_string(ids.front());
        for (auto id : ids) repo.purge_ticket(id, key, ctx.now);
    }
    for (auto id : plan.deposits) repo.purge_deposit(id, ctx.now);
    for (auto id : plan.loans) repo.purge_loan(id, ctx.now);
    for (auto id : plan.customers) repo.purge_customer(id, ctx.now);
}

std::string purge_summary(const PurgeResult& r) {
    return fmt::format("{} tickets ({} callbacks), {} deposits, {} loans, {} customers", r.tickets, r.callbacks,
                       r.deposits, r.loans, r.customers);
}

} // namespace

PurgeResult purge(Context& ctx, bool dry_run) {
    PurgeResult result;
    if (dry_run) {
        ctx.store.read([&] {
            require_permission(ctx, Permission::purge);
            result = purge_counts(plan_purge(ctx), true);
        });
        return result;
    }
    ctx.store.prepare_erasure();
    ctx.store.write([&] {
        require_permission(ctx, Permission::purge);
        auto plan = plan_purge(ctx);
        result = purge_counts(plan, false);
        if (result.total() == 0) return; // nothing due: nothing written, not even an event
        apply_purge(ctx, plan);
        record_audit(ctx, "retention.purge", "personal data past its retention period", purge_summary(result));
    });
    if (result.total() > 0) ctx.store.finish_erasure();
    return result;
}

PurgeResult forget_customer(Context& ctx, std::string_view typed) {
    auto phone = normalize_phone(typed, ctx.config.default_country);
    PurgeResult result;
    ctx.store.prepare_erasure();
    ctx.store.write([&] {
        require_supervisor(ctx, "erase a customer's personal data");
        auto& repo = ctx.store.retention();
        auto tickets = repo.tickets_of(phone);
        auto deposits = repo.deposits_of(phone);
        auto loans = repo.loans_of(phone);
        auto customer = repo.customer_of(phone);
        if (tickets.empty() && deposits.empty() && loans.empty() && !customer) {
            fail(Code::not_found, "no customer and no record with phone {}", mask_phone(phone));
        }
        std::vector<std::string> open;
        for (const auto& t : tickets) {
            if (!t.ended || t.callback_pending) open.push_back(fmt::format("ticket {}", t.id));
        }
        for (const auto& d : deposits) {
            if (!d.ended_at) open.push_back(fmt::format("deposit {}", d.id));
        }
        for (const auto& l : loans) {
            if (!l.ended_at) open.push_back(fmt::format("loan {}", l.id));
        }
        if (!open.empty()) {
            std::string list;
            for (const auto& o : open) list += (list.empty() ? "" : ", ") + o;
            fail(Code::refused, "the phone {} still has open records ({}): close them first, then forget",
                 mask_phone(phone), list);
        }
        PurgePlan plan;
        for (const auto& t : tickets) {
            plan.tickets[phone].push_back(t.id);
            plan.callbacks += t.callbacks;
        }
        for (const auto& d : deposits) plan.deposits.push_back(d.id);
        for (const auto& l : loans) plan.loans.push_back(l.id);
        if (customer) plan.customers.push_back(*customer);
        result = purge_counts(plan, false);
        result.customer = customer.value_or(0);
        apply_purge(ctx, plan);
        record_audit(ctx, "customer.forget",
                     customer ? fmt::format("customer C{}", *customer) : std::string("records of one phone"),
                     purge_summary(result));
    });
    ctx.store.finish_erasure();
    return result;
}

} // namespace svcdesk
