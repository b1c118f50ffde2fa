#pragma once
// Batch import of call logs (CSV, JSON Lines) through a profile of the configuration: streaming,
// idempotent on external_ref, all rows in one write transaction.

#include <svcdesk/ops/context.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace svcdesk {

struct ImportRequest {
    std::string profile;
    std::string source;                // the file name in messages ("<stdin>" for standard input)
    int fd = 0;                        // open input; not closed here
    // "csv" or "jsonl": --input-format, else from the file name; wins over the profile's format,
    // which serves standard input and names without a known extension.
    std::optional<std::string> format;
    std::string encoding = "UTF-8"; // of the input (io/transcode.hpp): GB18030, GBK, UTF-16, ...
    bool dry_run = false;              // validate and count, then roll everything back
    bool skip_invalid = false;         // import the valid rows even when some are invalid
};

struct ImportCounts {
    std::int64_t read = 0;     // data rows read
    std::int64_t imported = 0; // new tickets (written, or that would be in a dry run)
    std::int64_t present = 0;  // rows whose external_ref exists already
    std::int64_t rejected = 0; // invalid rows
};

// Told about each invalid row and the progress; the CLI prints and writes the reject file.
class ImportObserver {
public:
    virtual ~ImportObserver() = default;
    // The header line of a CSV input, before any row.
    virtual void header(std::string_view /*raw*/) {}
    // `column` is the source column (or "row" for the record as a whole), `raw` the row as read.
    virtual void rejected(std::int64_t line, std::string_view column, std::string_view problem,
                          std::string_view raw) = 0;
    virtual void progress(const ImportCounts& /*counts*/, std::uint64_t /*bytes_read*/) {}
};

struct ImportOutcome {
    ImportCounts counts;
    bool written = false; // committed to the database
};

// Reads every row and writes the valid new ones in one transaction. Invalid rows are reported to
// `observer`; when there are any and !skip_invalid, nothing is written (outcome.written false)
// and no exception is thrown: the caller chooses the exit status. `outcome` is kept up to date
// also when this throws Error: invalid (unknown profile, missing column, unreadable input),
// permission (no actor), internal (storage).
void import_tickets(Context& ctx, const ImportRequest& request, ImportObserver& observer, ImportOutcome& outcome);

// The source columns a profile reads (for JSON Lines, the keys to extract).
std::vector<std::string> import_columns(const ImportProfile& profile);

} // namespace svcdesk
