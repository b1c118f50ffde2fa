#include <svcdesk/channel.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>
#include <svcdesk/io/jsonl_reader.hpp>
#include <svcdesk/io/transcode.hpp>
#include <svcdesk/ops/audit.hpp>
#include <svcdesk/ops/callbacks.hpp>
#include <svcdesk/ops/import.hpp>
#include <svcdesk/ops/import_row.hpp>
#include <svcdesk/ops/test_hook.hpp>

#include <fmt/ranges.h>

#include <exception>
#include <limits>
#include <thread>
#include <unordered_map>
#include <utility>

#include <unistd.h>

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

// The rows the whole import will add, extrapolated from what it has read so far: by size for a
// file, and no further than the rows seen for a pipe.
std::int64_t expected_rows(const ImportCounts& counts, std::uint64_t read, std::optional<std::uint64_t> total) {
    if (!total || read == 0 || *total <= read) return counts.imported;
    return static_cast<std::int64_t>(static_cast<double>(counts.imported) * static_cast<double>(*total) /
                                     static_cast<double>(read));
}

// One input row, mapped to a ticket and its import event, or why it is invalid.
struct MappedRow {
    bool valid = false;
    Ticket ticket;
    TicketEvent event;
    std::int64_t line = 0; // invalid rows: where the row starts, the problem and the row as read
    import_detail::RowProblem problem;
    std::string raw;
};

struct MappedBatch {
    std::vector<MappedRow> rows;
    std::uint64_t bytes_read = 0; // of the input, after the last row of the batch
    std::exception_ptr error;     // reading failed after these rows
};

constexpr std::size_t k_batch_rows = 256, k_batches_ahead = 8;

// Reads and maps rows on a second thread while the caller writes the previous ones: parsing,
// validation and SLA deadlines overlap the database work. At most k_batches_ahead batches wait,
// so memory stays flat. The destructor stops and joins the thread (after the batch it is on: a
// pipe that never ends keeps it waiting for that batch).
class MappingThread {
public:
    MappingThread(RecordReader& reader, import_detail::RowMapper& mapper)
        : m_batches(k_batches_ahead), m_thread([this, &reader, &mapper] { run(reader, mapper); }) {}
    MappingThread(const MappingThread&) = delete;
    MappingThread& operator=(const MappingThread&) = delete;
    ~MappingThread() {
        m_batches.close();
        m_thread.join();
    }

    // The next batch in input order; nothing at the end. Rethrows the reader's error.
    std::optional<MappedBatch> next() {
        auto batch = m_batches.pop();
        if (batch && batch->error) std::rethrow_exception(batch->error);
        return batch;
    }

private:
    void run(RecordReader& reader, import_detail::RowMapper& mapper) {
        MappedBatch batch;
        try {
            Record record;
            batch.rows.reserve(k_batch_rows);
            while (reader.next(record)) {
                auto& row = batch.rows.emplace_back();
                row.valid = mapper.map(record, row.ticket, row.event, row.problem);
                if (row.valid && row.ticket.external_ref) {
                    // A ref twice in one file is a row error naming both lines (issue 21), not
                    // "already present".
                    auto [seen, fresh] = m_ref_lines.try_emplace(*row.ticket.external_ref, record.line);
                    if (!fresh) {
                        row.valid = false;
                        row.problem.column = mapper.external_ref_column();
                        row.problem.problem =
                            format_message("'{}' is on line {} already", *row.ticket.external_ref, seen->second);
                    }
                }
                if (!row.valid) {
                    row.line = record.line;
                    row.raw.assign(record.raw);
                }
                if (batch.rows.size() == k_batch_rows) {
                    batch.bytes_read = reader.bytes_read();
                    if (!m_batches.push(std::exchange(batch, {}))) return; // the writer stopped
                    batch.rows.reserve(k_batch_rows);
                }
            }
            batch.bytes_read = reader.bytes_read();
        } catch (...) {
            batch.error = std::current_exception();
        }
        m_batches.push(std::move(batch));
        m_batches.close();
    }

    Channel<MappedBatch> m_batches;
    std::unordered_map<std::string, std::int64_t> m_ref_lines; // external_ref → its line
    std::thread m_thread;
};

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

// Seed 004 §4.1: a ticket imported closed is owed a survey when the profile says so and it was
// closed recently (surveys_max_age_days) and has a number to call.
static bool owes_survey(const Context& ctx, const ImportProfile& profile, const Ticket& t) {
    if (!profile.surveys || t.status != Status::closed || !t.closed_at || !t.phone || t.phone->empty()) return false;
    return *t.closed_at >= ctx.now - std::chrono::days(profile.surveys_max_age_days);
}

void import_tickets(Context& ctx, const ImportRequest& request, ImportObserver& observer, ImportOutcome& outcome) {
    const auto& profile = profile_of(ctx.config, request.profile);
    // --input-format, else the file's extension (request.format), else the profile, else CSV.
    std::string format = request.format ? *request.format : !profile.format.empty() ? profile.format : "csv";
    auto input = utf8_input(request.fd, request.encoding, request.source);
    struct CloseInput {
        Utf8Input input;
        ~CloseInput() {
            if (input.owned) ::close(input.fd);
        }
    } close_input{input};
    auto reader = format == "jsonl" ? make_jsonl_reader(input.fd, request.source, import_columns(profile))
                                    : make_csv_reader(input.fd, request.source);
    if (!reader->header_raw().empty()) observer.header(reader->header_raw());

    outcome = {};
    auto& counts = outcome.counts;
    auto& sink = ctx.store.imports();
    if (!request.dry_run) sink.prepare_load(reader->total_bytes());
    struct FinishLoad {
        ImportRepo& sink;
        ~FinishLoad() { sink.finish_load(); }
    } finish{sink};
    try {
        // Never run again (it reads its input once): on PostgreSQL at READ COMMITTED, blocking
        // no other writer; external_ref's unique index keeps re-runs and racing imports apart.
        ctx.store.write_bulk([&] {
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

            auto last_before = ctx.store.customers().last_ticket_id();
            sink.begin_bulk();
            struct AbandonBulk { // on any exception: the transaction rolls back
                ImportRepo* sink;
                ~AbandonBulk() {
                    if (sink) sink->abandon_bulk();
                }
            } abandon{&sink};

            // What the rows came to is decided by the store, row by row (SQLite) or a batch at a
            // time (PostgreSQL's COPY): the counts follow its tally.
            auto take_tally = [&] {
                counts.imported = sink.tally().imported;
                counts.present = sink.tally().present;
            };
            std::int64_t added = 0; // rows handed to the store
            MappingThread mapping(*reader, mapper);
            std::int64_t next_progress = k_progress_every;
            while (auto batch = mapping.next()) {
                for (auto& row : batch->rows) {
                    ++counts.read;
                    if (!row.valid) {
                        ++counts.rejected;
                        observer.rejected(row.line, row.problem.column, row.problem.problem, row.raw);
                    } else if (counts.rejected > 0 && !request.skip_invalid) {
                        // Nothing will be written: validate the rest without inserting.
                    } else {
                        sink.add(row.ticket, row.event, owes_survey(ctx, profile, row.ticket));
                        ++added;
                    }
                }
                take_tally();
                if (counts.read >= next_progress) {
                    next_progress = counts.read + k_progress_every;
                    observer.progress(counts, batch->bytes_read);
                    // Rows still undecided count as new: an estimate of the load's size.
                    auto decided = counts.imported + counts.present;
                    ImportCounts estimate = counts;
                    estimate.imported += added - decided;
                    sink.expect_rows(expected_rows(estimate, batch->bytes_read, reader->total_bytes()));
                }
            }
            sink.settle(); // a dry run's counts are exact too
            take_tally();
            observer.progress(counts, reader->bytes_read());
            // Test hook: the rows written, the transaction open (tests/pg/test_pg_writers.sh).
            hold_for_test(ctx, "SVCDESK_TEST_IMPORT_HOLD");
            if (request.dry_run || (counts.rejected > 0 && !request.skip_invalid)) throw Rollback{};
            abandon.sink = nullptr;
            sink.end_bulk();
            const auto& surveys = sink.tally().surveys; // closed recently: owed a survey
            // The callers' records (客户档案) of the new phones, in one INSERT ... SELECT.
            if (counts.imported > 0)
                ctx.store.customers().fill_from_records(last_before, std::numeric_limits<std::int64_t>::max());
            schedule_import_surveys(ctx, surveys, actor.id);
            // An import that added tickets is an audit event (issue 18); a re-run that found every
            // row present changes nothing, and writes nothing.
            if (counts.imported > 0) {
                record_audit(ctx, "import", request.source,
                             fmt::format("profile {}: {} rows read, {} imported, {} already "
                                         "present, {} skipped as invalid",
                                         request.profile, counts.read, counts.imported,
                                         counts.present, counts.rejected));
            }
        });
        outcome.written = true;
    } catch (const Rollback&) {
        outcome.written = false;
    }
}

} // namespace svcdesk
