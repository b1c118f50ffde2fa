#pragma once
// The bulk path of imports, inside the caller's single write transaction: on SQLite one
// prepared insert for tickets and one for their import event, reused for every row; on
// PostgreSQL rows streamed with COPY into a staging table and moved a batch at a time.

#include <svcdesk/domain/ticket.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace svcdesk {
namespace sql {
class Driver;
class Query;
} // namespace sql
class StagedImport;

// What the rows handed to ImportRepo::add came to.
struct ImportTally {
    std::int64_t imported = 0; // new tickets
    std::int64_t present = 0;  // rows whose external_ref was stored already
    std::vector<std::pair<TicketId, Timestamp>> surveys; // new tickets owed a survey: id, closed_at
};

class ImportRepo {
public:
    explicit ImportRepo(sql::Driver& db);
    ~ImportRepo();
    // Outside the write transaction, before it: `input_bytes` is the size of the file about to be
    // imported, when known. A store may prepare for a load that is large next to what it holds
    // (SQLite: a rollback journal in place of the WAL, so that each new page is written once, not
    // twice). finish_load() undoes it, also outside the transaction, whether the import committed
    // or not; it never throws.
    void prepare_load(std::optional<std::uint64_t> input_bytes);
    void finish_load() noexcept;
    // Tunes the connection for a bulk write (a larger page cache) until end_bulk() or
    // abandon_bulk(); call all three inside the write transaction.
    void begin_bulk();
    // The number of rows this import expects to add in all: an estimate the caller revises as it
    // reads. When it is large next to what is stored, the repo stops maintaining the secondary
    // ticket indexes row by row and rebuilds them once in end_bulk(): one sort beats a million
    // random B-tree inserts.
    void expect_rows(std::int64_t rows);
    // Ends a bulk write that will be committed: settles the rows added, rebuilds what
    // expect_rows() deferred.
    void end_bulk();
    // Ends a bulk write that will be rolled back (the rollback restores the schema).
    void abandon_bulk();
    // Inserts `ticket` (whose external_ref is set) and `event` (its ticket id is filled in)
    // unless a ticket with that external_ref exists; then writes nothing and returns false.
    bool insert_new(const Ticket& ticket, const TicketEvent& event);
    // The id of the ticket the last successful insert_new wrote.
    TicketId last_id() const { return m_last_id; }
    // Between begin_bulk() and end_bulk(): what insert_new does, decided now (SQLite) or a batch
    // at a time (PostgreSQL: the backend's StagedImport), counted in tally(). `survey`: the
    // ticket, if new, is owed a survey at its closed_at (listed in tally().surveys).
    void add(const Ticket& ticket, const TicketEvent& event, bool survey);
    // Decides every row added so far: tally() is exact after it (end_bulk() settles too).
    void settle();
    // What the rows added since begin_bulk() came to, as far as they are decided.
    const ImportTally& tally() const { return m_tally; }

private:
    sql::Driver& m_db;
    TicketId m_last_id = 0;
    std::unique_ptr<sql::Query> m_ticket, m_history; // prepared on the first row, kept until end_bulk()
    std::string m_changes; // JSON of the event, rebuilt per row without reallocating
    std::unique_ptr<StagedImport> m_staged; // between begin_bulk() and end_bulk(), where offered
    ImportTally m_tally;
};

} // namespace svcdesk
