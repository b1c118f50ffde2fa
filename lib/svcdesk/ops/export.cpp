#include <svcdesk/error.hpp>
#include <svcdesk/io/callback_records.hpp>
#include <svcdesk/io/deposit_records.hpp>
#include <svcdesk/io/records.hpp>
#include <svcdesk/io/table.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/export.hpp>
#include <svcdesk/text.hpp>

namespace svcdesk {
namespace {

// Writes records one by one in the chosen format; CSV columns are the first record's keys.
class RecordWriter {
public:
    RecordWriter(std::string format, const std::function<void(std::string_view)>& sink)
        : m_format(std::move(format)), m_sink(sink) {}

    void add(const Json& record) {
        ++m_count;
        if (m_format == "jsonl") {
            m_sink(record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n");
            return;
        }
        if (m_keys.empty()) {
            for (const auto& [k, v] : record.items()) m_keys.push_back(k);
            m_sink(csv_line(m_keys, false));
        }
        std::vector<std::string> cells;
        for (const auto& k : m_keys) cells.push_back(csv_cell(record.value(k, Json())));
        m_sink(csv_line(cells, true));
    }

    std::int64_t count() const { return m_count; }

private:
    static std::string csv_cell(const Json& v) {
        if (v.is_null()) return "";
        if (v.is_string()) return v.get<std::string>();
        if (v.is_array() && std::all_of(v.begin(), v.end(), [](const Json& e) { return e.is_string(); })) {
            std::string out;
            for (const auto& e : v) out += (out.empty() ? "" : ",") + e.get<std::string>();
            return out;
        }
        return v.dump(-1, ' ', false, Json::error_handler_t::replace);
    }

    std::string m_format;
    const std::function<void(std::string_view)>& m_sink;
    std::vector<std::string> m_keys;
    std::int64_t m_count = 0;
};

// Exports leave svcdesk: the customer's name is masked there like the phone unless revealed
// (SPEC §5, issue 18). Lists and show keep it, for the desk serving the customer.
Json masked(Json record, bool reveal) {
    if (auto it = record.find("customer"); !reveal && it != record.end() && it->is_string()) {
        *it = mask_name(it->get<std::string>());
    }
    return record;
}

void write_records(Context& ctx, const ExportRequest& r, RecordWriter& out) {
    if (r.kind == "tickets") {
        TicketFilter filter;
        filter.since = r.since;
        filter.until = r.until;
        filter.now = ctx.now;
        ctx.store.tickets().each(filter, [&](const Ticket& t) {
            out.add(masked(ticket_json(t, ctx.zone(), ctx.now, r.reveal), r.reveal));
        });
    } else if (r.kind == "callbacks") {
        CallbackFilter filter;
        filter.due_since = r.since;
        filter.due_until = r.until;
        for (const auto& c : ctx.store.callbacks().list(filter)) {
            out.add(masked(callback_json(c, ctx.zone(), ctx.now, r.reveal), r.reveal));
        }
    } else {
        DepositFilter filter;
        filter.since = r.since;
        filter.until = r.until;
        filter.now = ctx.now;
        for (const auto& d : ctx.store.deposits().list(filter)) out.add(deposit_json(d, ctx.zone(), ctx.now, r.reveal));
    }
}

} // namespace

std::int64_t export_records(Context& ctx, const ExportRequest& r, const std::function<void(std::string_view)>& sink) {
    if (r.kind != "tickets" && r.kind != "callbacks" && r.kind != "deposits") {
        fail(Code::invalid, "cannot export '{}': choose tickets, callbacks or deposits", r.kind);
    }
    if (r.format != "csv" && r.format != "jsonl") fail(Code::invalid, "export --format is csv or jsonl, not {}", r.format);
    RecordWriter out(r.format, sink);
    if (!r.reveal) {
        ctx.store.read([&] { write_records(ctx, r, out); });
        return out.count();
    }
    ctx.store.write([&] {
        require_supervisor(ctx, "reveal personal data");
        write_records(ctx, r, out);
        record_audit(ctx, "export.reveal", r.kind, fmt::format("{} records, format {}", out.count(), r.format));
    });
    return out.count();
}

} // namespace svcdesk
