#include <svcdesk/store/postgres/pg_store.hpp>

namespace svcdesk::postgres {
namespace {

// The same JSON text as the SQLite import writes, byte for byte.
void append_json_string(std::string& out, const std::string& text) {
    out.push_back('"');
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20) {
            out += fmt::format("\\u{:04x}", c);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
}

std::string changes_json(const TicketEvent& event) {
    std::string out = "[";
    for (const auto& c : event.changes) {
        if (out.size() > 1) out.push_back(',');
        out += "{\"field\":";
        append_json_string(out, c.field);
        out += ",\"old\":";
        if (c.old_value) append_json_string(out, *c.old_value);
        else out += "null";
        out += ",\"new\":";
        if (c.new_value) append_json_string(out, *c.new_value);
        else out += "null";
        out.push_back('}');
    }
    out.push_back(']');
    return out;
}

} // namespace

// The server sizes its own caches; statements are prepared once per connection anyway.
void PgImportRepo::begin_bulk() {}
void PgImportRepo::end_bulk() {}

bool PgImportRepo::insert_new(const Ticket& t, const TicketEvent& event) {
    Params p;
    p.add(t.created_at).add(t.channel).add(t.category).add(t.complaint_class).add(std::string(to_string(t.priority)));
    p.add(t.desk).add(t.customer).add(t.phone).add(t.customer_type).add(t.flags).add(t.language).add(t.subject);
    p.add(t.description).add(t.external_ref).add(t.owner).add(t.assignee).add(static_cast<std::int64_t>(t.fee_cents));
    p.add(std::string(to_string(t.status))).add(t.first_response_at).add(t.resolved_at).add(t.closed_at);
    p.add(t.response_due).add(t.resolve_due).add(t.resolution).add(t.updated_at);
    auto r = m_db.exec(R"sql(
        INSERT INTO tickets (id, created_at, channel, category, class, priority, desk, customer, phone,
                             customer_type, flags, language, subject, description, external_ref, owner,
                             assignee, fee_cents, status, first_response_at, resolved_at, closed_at,
                             response_due, resolve_due, resolution, updated_at)
        VALUES ((SELECT coalesce(max(id), 0) + 1 FROM tickets), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
        ON CONFLICT (external_ref) DO NOTHING RETURNING id)sql",
                       p);
    if (r.rows() == 0) return false; // external_ref exists already
    m_db.exec("INSERT INTO ticket_events (id, ticket_id, at, actor, action, changes, reason) "
              "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM ticket_events), $1, $2, $3, $4, $5, $6)",
              Params().add(r.integer(0, 0)).add(event.at).add(event.actor).add(event.action).add(changes_json(event)).add(
                  event.reason));
    return true;
}

} // namespace svcdesk::postgres
