#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/customers.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <tuple>

namespace svcdesk {
namespace {

Timestamp risk_since(const Context& ctx) {
    return ctx.now - std::chrono::hours(24) * ctx.config.customers.days;
}

RiskFacts facts_of(Context& ctx, const std::string& phone) {
    auto all =
        ctx.store.customers().risk_facts(ctx.config.complaint_categories, risk_since(ctx), phone);
    auto it = all.find(phone);
    return it == all.end() ? RiskFacts{} : it->second;
}

Customer load_customer(Context& ctx, std::string_view who) {
    std::optional<Customer> found;
    if (auto id = customer_id_of(who)) {
        found = ctx.store.customers().find(*id);
        if (!found) fail(Code::not_found, "no customer C{}", *id);
        return *found;
    }
    std::string phone;
    try {
        phone = normalize_phone(who, ctx.config.default_country);
    } catch (const Error& e) {
        fail(e.code(), "{} (a customer id is written C12)", e.what());
    }
    found = ctx.store.customers().find_by_phone(phone);
    if (!found) fail(Code::not_found, "no customer with phone {}", mask_phone(phone));
    return *found;
}

// "customer 12: 3 customers: 4, 7, 9" for a reveal's audit event.
std::string revealed(const std::vector<CustomerListing>& shown) {
    std::string ids;
    for (std::size_t i = 0; i < shown.size() && i < 100; ++i)
        ids += fmt::format("{}C{}", i ? ", " : "", shown[i].customer.id);
    if (shown.size() > 100) ids += ", ...";
    return fmt::format("{} customer{}{}{}", shown.size(), shown.size() == 1 ? "" : "s",
                       shown.empty() ? "" : ": ", ids);
}

// As the store's LIKE matches a name: Latin letters in any case.
std::string ascii_lower(std::string text) {
    for (auto& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

std::string shown(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "none"; }

} // namespace

void note_desk_customer(Context& ctx, const std::string& name, const std::string& phone) {
    Ticket seen;
    seen.customer = name;
    seen.phone = phone;
    auto& customers = ctx.store.customers();
    customers.save(customer_after_intake(customers.find_by_phone(phone), seen, ctx.now));
}

std::optional<CustomerId> customer_id_of(std::string_view text) {
    if (text.size() < 2 || (text[0] != 'C' && text[0] != 'c')) return std::nullopt;
    auto digits = text.substr(1);
    CustomerId id = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || end != digits.data() + digits.size() || id <= 0) {
        fail(Code::invalid, "invalid customer id '{}': expected C and a number, such as C12", text);
    }
    return id;
}

CustomerId parse_customer_id(std::string_view text) {
    if (auto id = customer_id_of(text)) return *id;
    CustomerId id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
        fail(Code::invalid, "invalid customer id '{}': expected a number such as C12 or 12", text);
    }
    return id;
}

CustomerDetail show_customer(Context& ctx, std::string_view who, bool reveal) {
    CustomerDetail out;
    auto work = [&] {
        if (reveal) require_supervisor(ctx, "reveal personal data");
        out.customer = load_customer(ctx, who);
        const auto& phone = out.customer.phone;
        out.risk = risk_reasons(facts_of(ctx, phone), ctx.now, ctx.config.customers);

        TicketFilter filter;
        filter.phone = phone;
        filter.now = ctx.now;
        auto tickets = ctx.store.tickets().list(filter);
        std::sort(tickets.begin(), tickets.end(), [](const Ticket& a, const Ticket& b) {
            return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
        });
        out.tickets = static_cast<std::int64_t>(tickets.size());
        auto since = risk_since(ctx);
        for (const auto& t : tickets) {
            if (is_open(t.status)) out.open_tickets.push_back(t);
            if (ctx.config.is_complaint(t.category) && t.created_at > since)
                out.complaints.push_back(t);
            if (t.satisfaction && t.closed_at &&
                (!out.last_satisfaction || *t.closed_at > out.last_satisfaction->at))
                out.last_satisfaction = {*t.satisfaction, t.id, *t.closed_at};
        }
        CallbackFilter callbacks;
        callbacks.phone = phone;
        for (auto& cb : ctx.store.callbacks().list(callbacks)) {
            const auto& c = cb.callback;
            if (c.satisfaction && c.finished_at &&
                (!out.last_satisfaction || *c.finished_at > out.last_satisfaction->at))
                out.last_satisfaction = {*c.satisfaction, c.ticket, *c.finished_at};
            if (c.status == CallbackStatus::unreachable) out.unreachable.push_back(std::move(cb));
        }
        DepositFilter deposits;
        deposits.phone = phone;
        deposits.now = ctx.now;
        out.deposits = ctx.store.deposits().list(deposits);
        if (reveal)
            record_audit(ctx, "customer.reveal", fmt::format("customer C{}", out.customer.id));
    };
    if (reveal) {
        ctx.store.write(work);
    } else {
        ctx.store.read(work);
    }
    return out;
}

std::vector<CustomerListing> list_customers(Context& ctx, const CustomerListFilter& f,
                                            bool reveal) {
    if (f.flag) parse_flags(*f.flag);
    if (f.name) check_text("name", *f.name, ctx.config.limits.customer, true);
    std::vector<CustomerListing> out;
    auto work = [&] {
        if (reveal) require_supervisor(ctx, "reveal personal data");
        auto& repo = ctx.store.customers();
        if (!f.risk_only) {
            CustomerFilter filter{f.flag, f.name, f.limit};
            for (auto& c : repo.list(filter))
                out.push_back({std::move(c), {}});
            for (auto& l : out)
                l.risk =
                    risk_reasons(facts_of(ctx, l.customer.phone), ctx.now, ctx.config.customers);
        } else {
            // The candidates are few: those with a complaint or a dissatisfied ticket in the
            // window.
            for (const auto& [phone, facts] :
                 repo.risk_facts(ctx.config.complaint_categories, risk_since(ctx))) {
                auto reasons = risk_reasons(facts, ctx.now, ctx.config.customers);
                if (reasons.empty()) continue;
                auto c = repo.find_by_phone(phone);
                if (!c) continue; // a phone without a record (an old database): db check says so
                if (f.flag && (',' + c->flags + ',').find(',' + *f.flag + ',') == std::string::npos)
                    continue;
                if (f.name &&
                    std::none_of(c->names.begin(), c->names.end(), [&](const std::string& n) {
                        return ascii_lower(n).find(ascii_lower(*f.name)) != std::string::npos;
                    }))
                    continue;
                out.push_back({std::move(*c), std::move(reasons)});
            }
            std::sort(out.begin(), out.end(),
                      [](const CustomerListing& a, const CustomerListing& b) {
                          if (a.risk.size() != b.risk.size()) return a.risk.size() > b.risk.size();
                          return a.customer.updated_at > b.customer.updated_at;
                      });
            if (f.limit && out.size() > *f.limit) out.resize(*f.limit);
        }
        if (reveal) record_audit(ctx, "customer.reveal", "customers", revealed(out));
    };
    if (reveal) {
        ctx.store.write(work);
    } else {
        ctx.store.read(work);
    }
    return out;
}

void edit_customer(Context& ctx, CustomerId id, const CustomerEditRequest& r) {
    if (!r.flags && !r.type && !r.note && !r.language) {
        fail(Code::invalid,
             "nothing to edit: give at least one of --flags, --type, --note, --language");
    }
    std::optional<std::string> flags, type, note, language;
    if (r.flags) flags = parse_flags(*r.flags);
    if (r.type) type = parse_customer_type(*r.type);
    if (r.note) {
        check_text("note", *r.note, ctx.config.limits.note, false, true);
        note = screen_id_numbers(ctx.config.privacy, "note", *r.note);
    }
    if (r.language) {
        check_text("language", *r.language, 35, false);
        language = *r.language;
    }
    check_text("reason", r.reason, ctx.config.limits.note, true, true);
    auto reason = screen_id_numbers(ctx.config.privacy, "reason", r.reason);
    ctx.store.write([&] {
        require_permission(ctx, Permission::customer_edit);
        auto c = ctx.store.customers().find(id);
        if (!c) fail(Code::not_found, "no customer C{}", id);
        std::vector<std::string> changes;
        auto change = [&](std::string_view field, std::optional<std::string> old_value,
                          std::optional<std::string> new_value) {
            if (old_value && old_value->empty()) old_value.reset();
            if (new_value && new_value->empty()) new_value.reset();
            if (old_value == new_value) return false;
            changes.push_back(
                fmt::format("{}: {} → {}", field, shown(old_value), shown(new_value)));
            return true;
        };
        if (flags && change("flags", c->flags, flags)) c->flags = *flags;
        if (type && change("type", c->customer_type, type)) c->customer_type = *type;
        if (note && change("notes", c->notes, note)) c->notes = note->empty() ? std::nullopt : note;
        if (language && change("language", c->language, language))
            c->language = language->empty() ? std::nullopt : language;
        if (changes.empty()) fail(Code::refused, "customer C{} has these values already", id);
        c->updated_at = ctx.now;
        ctx.store.customers().save(*c);
        std::string detail;
        for (const auto& part : changes)
            detail += part + "; ";
        record_audit(ctx, "customer.edit", fmt::format("customer C{}", id),
                     detail + "reason: " + reason);
    });
}

std::optional<std::string> caller_note(Context& ctx, TicketId new_ticket) {
    std::optional<std::string> note;
    ctx.store.read([&] {
        auto t = ctx.store.tickets().find(new_ticket);
        if (!t || !t->phone) return;
        TicketFilter filter;
        filter.phone = t->phone;
        filter.statuses.assign(std::begin(k_open_statuses), std::end(k_open_statuses));
        filter.now = ctx.now;
        std::vector<TicketId> open;
        for (const auto& other : ctx.store.tickets().list(filter))
            if (other.id != new_ticket) open.push_back(other.id);
        std::sort(open.begin(), open.end());
        auto facts = facts_of(ctx, *t->phone);
        // The new ticket is not the caller's history: leave it out of the count.
        if (ctx.config.is_complaint(t->category)) {
            auto it = std::find(facts.complaints.begin(), facts.complaints.end(), t->created_at);
            if (it != facts.complaints.end()) facts.complaints.erase(it);
        }
        const auto& policy = ctx.config.customers;
        note = returning_caller_note(open, complaints_within(facts, ctx.now, policy),
                                     !risk_reasons(facts, ctx.now, policy).empty(), policy);
    });
    return note;
}

} // namespace svcdesk
