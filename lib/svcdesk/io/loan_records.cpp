#include <svcdesk/io/loan_records.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {

Json loan_json(const Loan& l, Zone zone, Timestamp now, bool reveal) {
    return {
        {"id", l.id},
        {"desk", l.desk},
        {"item", l.item},
        {"unit", l.unit},
        {"status", to_string(state_of(l, now))},
        {"borrower", reveal ? l.borrower : mask_name(l.borrower)},
        {"phone", reveal ? l.phone : mask_phone(l.phone)},
        {"id_last4", l.id_last4},
        {"deposit", format_yuan(l.deposit)},
        {"out_at", format_iso(l.out_at, zone)},
        {"due_at", format_iso(l.due_at, zone)},
        {"overdue", is_overdue(l, now)},
        {"lent_by", l.lent_by},
        {"returned_at", time_json(l.returned_at, zone)},
        {"returned_by", json_or_null(l.returned_by)},
        {"condition", l.condition ? Json(to_string(*l.condition)) : Json()},
        {"refunded", format_yuan(l.refunded)},
        {"kept", format_yuan(l.kept)},
        {"kept_by", json_or_null(l.kept_by)},
        {"note", json_or_null(l.note)},
    };
}

Json loan_stock_json(const LoanStock& s) {
    return {{"desk", s.desk},
            {"item", s.kind.id},
            {"name", s.kind.name},
            {"count", s.kind.count},
            {"available", s.available()},
            {"out", s.out},
            {"overdue", s.overdue},
            {"out_of_service", s.kind.out_of_service},
            {"deposit", format_yuan(s.kind.deposit)},
            {"period", format_duration(s.kind.period)}};
}

Json loan_cash_json(const LoanCash& c) {
    return {{"desk", c.desk},
            {"opening", format_yuan(c.opening)},
            {"in", format_yuan(c.in)},
            {"refunded", format_yuan(c.refunded)},
            {"kept", format_yuan(c.kept)},
            {"out", format_yuan(c.refunded + c.kept)},
            {"closing", format_yuan(c.closing())},
            {"loans_out", c.loans_out},
            {"loans_returned", c.loans_returned}};
}

} // namespace svcdesk
