#include <svcdesk/domain/customer.hpp>
// Correcting and moving a ticket (issue 20): edit and transfer.
#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/permissions.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/ops/roster.hpp>
#include <svcdesk/ops/ticket_change.hpp>
#include <svcdesk/ops/tickets.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

#include <algorithm>

namespace svcdesk {

using ticket_detail::checked_reason;
using ticket_detail::load;
using ticket_detail::Recorder;
using ticket_detail::target_of;

namespace {

// The class a ticket has in `category` after an edit: the one given ("" clears it), else the old
// one when the new category has it too.
std::optional<std::string> edited_class(const Category& category,
                                        const std::optional<std::string>& given,
                                        const std::optional<std::string>& old) {
    const auto& classes = category.classes;
    auto known = [&](const std::string& k) {
        return std::find(classes.begin(), classes.end(), k) != classes.end();
    };
    if (!given) return old && known(*old) ? old : std::nullopt;
    if (given->empty()) return std::nullopt;
    if (classes.empty()) {
        fail(Code::invalid, "category '{}' has no classes; --class is for complaint classes",
             category.id);
    }
    if (!known(*given)) {
        fail(Code::invalid, "unknown class '{}' for category '{}' (one of: {})", *given,
             category.id, fmt::join(classes, ", "));
    }
    return given;
}

// Recomputes the deadlines of `t` for its (new) SLA target, seed 000 §五.2: the response deadline
// from the contact unless the response was given already (its verdict is settled); the resolve
// deadline from the contact (or from the last reopen, on the reopen span) unless the ticket is
// resolved, closed or cancelled, and never before an extension the customer was told of. A wait
// in progress keeps its pause: resume grants what was left of the new deadline.
void recompute_deadlines(Context& ctx, Ticket& t, Recorder& change) {
    auto target = target_of(ctx, t);
    const auto& cal = ctx.config.calendar;
    if (!t.first_response_at && t.status != Status::cancelled) {
        change.set("response_due", t.response_due,
                   deadline(t.contact_at, target.respond, target.respond_clock, cal, ctx.zone()));
    }
    if (t.resolved_at || !is_open(t.status)) return;
    std::optional<Timestamp> reopened_at;
    for (const auto& e : ctx.store.tickets().events(t.id))
        if (e.action == "reopen") reopened_at = e.at;
    auto due = reopened_at
                   ? deadline(*reopened_at, ctx.config.sla.reopen_span(target),
                              target.resolve_clock, cal, ctx.zone())
                   : deadline(t.contact_at, target.resolve, target.resolve_clock, cal, ctx.zone());
    if (t.extended_to && *t.extended_to > due) due = *t.extended_to;
    change.set("resolve_due", t.resolve_due, due);
}

} // namespace

void edit(Context& ctx, TicketId id, const EditRequest& r) {
    const auto& limits = ctx.config.limits;
    if (!r.customer && !r.phone && !r.priority && !r.category && !r.complaint_class && !r.subject &&
        !r.description && !r.flags) {
        fail(Code::invalid,
             "nothing to edit: give at least one of --customer, --phone, --priority, "
             "--category, --class, --subject, --description, --flags");
    }
    auto reason = checked_reason(ctx, "reason", r.reason);
    // Every value is checked before the transaction, as intake checks it.
    if (r.customer) check_text("customer", *r.customer, limits.customer, true);
    auto phone = r.phone; // normalised as on every way in (issue 20); empty clears it
    if (phone && !phone->empty()) phone = normalize_phone(*phone, ctx.config.default_country);
    std::optional<Priority> priority;
    if (r.priority) priority = parse_priority(*r.priority);
    const Category* category = r.category ? &ctx.config.category(*r.category) : nullptr;
    std::optional<std::string> subject, description, flags;
    if (r.subject) {
        check_text("subject", *r.subject, limits.subject, true);
        subject = screen_id_numbers(ctx.config.privacy, "subject", *r.subject);
    }
    if (r.description) {
        check_text("description", *r.description, limits.description, false, true);
        description = screen_id_numbers(ctx.config.privacy, "description", *r.description);
    }
    if (r.flags) flags = parse_flags(*r.flags);

    ctx.store.write([&] {
        auto actor = require_actor(ctx);
        auto t = load(ctx, id);
        // A finished ticket is a settled record: correcting it is a supervisor's act, audited.
        if (t.status == Status::closed || t.status == Status::cancelled) {
            if (!actor.is_supervisor()) {
                fail(Code::permission, "ticket {} is {}: only a supervisor may edit it", id,
                     to_string(t.status));
            }
        }
        Recorder change(ctx, t, "edit", actor);
        bool changed = false;
        auto text_field = [&](const char* name, std::string& member,
                              const std::optional<std::string>& value) {
            if (!value || member == *value) return;
            change.record(name, member, *value);
            member = *value;
            changed = true;
        };
        auto optional_field = [&](const char* name, std::optional<std::string>& member,
                                  const std::optional<std::string>& value) {
            if (!value) return;
            std::optional<std::string> next;
            if (!value->empty()) next = value;
            if (member == next) return;
            change.set(name, member, next);
            changed = true;
        };
        text_field("customer", t.customer, r.customer);
        optional_field("phone", t.phone, phone);
        text_field("subject", t.subject, subject);
        optional_field("description", t.description, description);
        text_field("flags", t.flags, flags);

        bool sla_changed = false;
        if (priority && *priority != t.priority) {
            change.record("priority", std::string(to_string(t.priority)),
                          std::string(to_string(*priority)));
            t.priority = *priority;
            sla_changed = true;
        }
        if (category || r.complaint_class) {
            const auto& new_category = category ? *category : ctx.config.category(t.category);
            if (new_category.id != t.category) {
                change.record("category", t.category, new_category.id);
                t.category = new_category.id;
                sla_changed = true;
            }
            auto new_class = edited_class(new_category, r.complaint_class, t.complaint_class);
            if (new_class != t.complaint_class) {
                change.set("class", t.complaint_class, new_class);
                sla_changed = true;
            }
        }
        changed = changed || sla_changed;
        if (!changed)
            fail(Code::refused,
                 "ticket {}: nothing to change, the values given are the ticket's already", id);
        if (sla_changed) recompute_deadlines(ctx, t, change);
        if (t.status == Status::closed || t.status == Status::cancelled) {
            record_audit(ctx, "ticket.edit_finished", fmt::format("ticket {}", id),
                         fmt::format("{} ticket corrected: {}", to_string(t.status), reason));
        }
        change.reason(reason);
        change.commit();
        // The record of the phone now on the ticket (客户档案) knows this caller too.
        if (t.phone && (phone || r.customer)) {
            auto& customers = ctx.store.customers();
            customers.save(customer_after_intake(customers.find_by_phone(*t.phone), t, ctx.now));
        }
    });
}

std::vector<TicketId> hand_over_tickets(Context& ctx, const Staff& actor, const std::string& from,
                                        const std::string& to, const std::string& reason) {
    TicketFilter filter;
    filter.assignee = from;
    filter.statuses = {Status::assigned, Status::in_progress, Status::waiting};
    filter.now = ctx.now;
    std::vector<TicketId> moved;
    for (auto t : ctx.store.tickets().list(filter)) {
        Recorder change(ctx, t, "assign", actor);
        change.set("assignee", t.assignee, to);
        change.reason(reason);
        change.commit();
        moved.push_back(t.id);
    }
    return moved;
}

void transfer(Context& ctx, TicketId id, const TransferRequest& r) {
    if (r.desk.has_value() == r.department.has_value()) {
        fail(Code::invalid, "give either --desk or --department");
    }
    if (r.to && !r.desk)
        fail(Code::invalid, "--to names a staff member of the new desk: give --desk too");
    auto reason = checked_reason(ctx, "reason", r.reason);
    const Desk* desk = r.desk ? &ctx.config.desk(*r.desk) : nullptr;
    const Department* department = r.department ? &ctx.config.department(*r.department) : nullptr;
    ctx.store.write([&] {
        auto actor = require_permission(ctx, Permission::ticket_assign);
        auto t = load(ctx, id);
        if (!is_open(t.status)) {
            fail(Code::refused, "ticket {} is {}: only an open ticket can be transferred", id,
                 to_string(t.status));
        }
        Recorder change(ctx, t, "transfer", actor);
        if (department) {
            if (t.department == department->id) {
                fail(Code::refused, "ticket {} is with {} already", id, department->name);
            }
            change.set("department", t.department, department->id);
            change.record("contact", std::nullopt, department->contact);
        } else {
            std::optional<Staff> assignee;
            if (r.to) {
                assignee = ctx.store.staff().find(*r.to);
                if (!assignee) fail(Code::not_found, "no staff member '{}'", *r.to);
                if (!assignee->active) {
                    fail(Code::refused, "staff member {} is deactivated and cannot be assigned",
                         *r.to);
                }
            }
            if (t.desk == desk->id && !t.department && (!assignee || t.assignee == assignee->id)) {
                fail(Code::refused, "ticket {} is at desk {} already", id, desk->id);
            }
            if (t.desk != desk->id) {
                change.record("desk", t.desk, desk->id);
                t.desk = desk->id;
            }
            change.set("department", t.department, std::nullopt);
            if (assignee) {
                // The roster rule of assign (SPEC §4) at the new desk; --force is recorded as
                // there.
                auto problem = assignment_problem(ctx, t, *assignee);
                if (problem && !r.force)
                    fail(Code::refused, "{}; use --force to transfer anyway",
                         *assignment_problem(ctx, t, *assignee, true));
                if (r.force) {
                    change.record("force", std::nullopt, problem ? *problem : std::string("true"));
                    record_audit(ctx, "ticket.assign_force", fmt::format("ticket {}", id),
                                 fmt::format("to {}: {}", assignee->id,
                                             problem.value_or("nothing to override")));
                }
                change.set("assignee", t.assignee, assignee->id);
                change.set_status(next_status(t.status, Action::assign));
            } else {
                // The new desk assigns it: an assigned ticket waits there as new.
                change.set("assignee", t.assignee, std::nullopt);
                if (t.status == Status::assigned) change.set_status(Status::new_);
            }
        }
        change.reason(reason);
        change.commit();
    });
}

} // namespace svcdesk
