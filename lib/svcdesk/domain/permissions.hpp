#pragma once
// Which roles may do what (SPEC §5). The table is documented in svcdesk(1), "Roles"; keep both
// in step. Every active staff member may do ordinary ticket work (first-contact responsibility).

#include <svcdesk/domain/staff.hpp>

#include <span>
#include <string_view>

namespace svcdesk {

enum class Permission {
    ticket_work,     // intake, start, note, wait, resume, resolve, close, reopen, cancel, extend
    ticket_assign,   // assign a ticket to someone
    deposit_work,    // deposit in, out, lost, claim, proxy, handover (open and confirm)
    roster_edit,     // roster set, roster import
    staff_edit,      // staff add, update, deactivate
    deposit_dispose, // dispose of unclaimed deposits
    proxy_approve,   // approve a pickup by someone else
    reveal,          // show personal data unmasked
    closed_tickets,  // change other people's closed tickets
    customer_edit,   // customer edit: flags, type, notes, language of a customer record
    purge,           // purge: personal data past its retention period anonymised
};

struct PermissionRule {
    Permission permission;
    std::string_view name;     // as shown in messages and the man page
    std::string_view roles[5]; // roles allowed; an empty first entry means every role
};

// The whole table, in the order of the man page.
std::span<const PermissionRule> permission_table();

// True when one of the staff member's roles allows `p` (a supervisor may do everything).
bool may(const Staff& staff, Permission p);
const PermissionRule& permission_rule(Permission p);
// "supervisor, dispatcher" or "every role".
std::string allowed_roles_text(Permission p);

} // namespace svcdesk
