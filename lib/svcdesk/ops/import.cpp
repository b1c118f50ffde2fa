#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>
#include <svcdesk/io/jsonl_reader.hpp>
#include <svcdesk/ops/import.hpp>
#include <svcdesk/ops/import_row.hpp>

#include <fmt/ranges.h>

namespace svcdesk {
namespace {

// Thrown inside the transaction to roll it back (dry run, or invalid rows without
// --skip-invalid); never leaves import_tickets.
struct Rollback {};

constexpr std::int64_t k_progress_every = 4096;

const ImportProfile& profile_of(const Config& config, const std::string& name) {
    auto it = config.import_profiles.find(name);
    if (it != config.import_profiles.end()) return it->second;
    std::vector<std::string> names;
    for (const auto& [n, p] : config.import_profiles) names.push_back(n);
    fail(Code::invalid, "no import profile '{}' (configured: {}); add [import.profiles.{}] to the config", name,
         names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", ")), name);
}

} // namespace

std::vector<std::string> import_columns(const ImportProfile& profile) {
    std::vector<std::string> out;
    auto add = [&](const std::string& c) {
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    for (const auto& [field, column] : profile.columns) add(column);
    for (const auto& c : profile.description_columns) add(c);
    return out;
}

void import_tickets(Context& ctx, const ImportRequest& request, ImportObserver& observer, ImportOutcome& outcome) {
    const auto& profile = profile_of(ctx.config, request.profile);
    std::string format = !profile.format.empty() ? profile.format : request.format.value_or("csv");
    auto reader = format == "jsonl" ? make_jsonl_reader(request.fd, request.source, import_columns(profile))
                                    : make_csv_reader(request.fd, request.source);
    if (!reader->header_raw().empty()) observer.header(reader->header_raw());

    outcome = {};
    auto& counts = outcome.counts;
    try {
        ctx.store.write([&] {
            auto actor = require_actor(ctx);
            import_detail::MapperSetup setup;
            setup.config = &ctx.config;
            setup.profile = &profile;
            setup.columns = reader->columns();
            setup.actor = actor.id;
            setup.actor_desk = actor.desk;
            setup.now = ctx.now;
            for (const auto& s : ctx.store.staff().list(true)) setup.staff.insert(s.id);
            import_detail::RowMapper mapper(std::move(setup));

            auto& sink = ctx.store.imports();
            sink.begin_bulk();
            struct EndBulk {
                ImportRepo& sink;
                ~EndBulk() { sink.end_bulk(); }
            } end_bulk{sink};
            Record record;
            Ticket ticket;
            TicketEvent event;
            import_detail::RowProblem problem;
            while (reader->next(record)) {
                ++counts.read;
                if (!mapper.map(record, ticket, event, problem)) {
                    ++counts.rejected;
                    observer.rejected(record.line, problem.column, problem.problem, record.raw);
                } else if (counts.rejected > 0 && !request.skip_invalid) {
                    // Nothing will be written: validate the rest without inserting.
                } else if (sink.insert_new(ticket, event)) {
                    ++counts.imported;
                } else {
                    ++counts.present;
                }
                if (counts.read % k_progress_every == 0) observer.progress(counts, reader->bytes_read());
            }
            observer.progress(counts, reader->bytes_read());
            if (request.dry_run || (counts.rejected > 0 && !request.skip_invalid)) throw Rollback{};
        });
        outcome.written = true;
    } catch (const Rollback&) {
        outcome.written = false;
    }
}

} // namespace svcdesk
