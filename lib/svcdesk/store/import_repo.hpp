#pragma once
// The bulk path of imports: one prepared insert for tickets and one for their import event,
// reused for every row of a file inside the caller's single write transaction.

#include <svcdesk/domain/ticket.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace svcdesk {
namespace sql {
class Driver;
class Query;
} // namespace sql


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
    // Ends a bulk write that will be committed: rebuilds what expect_rows() deferred.
    void end_bulk();
    // Ends a bulk write that will be rolled back (the rollback restores the schema).
    void abandon_bulk();
    // Inserts `ticket` (whose external_ref is set) and `event` (its ticket id is filled in)
    // unless a ticket with that external_ref exists; then writes nothing and returns false.
    bool insert_new(const Ticket& ticket, const TicketEvent& event);
    // The id of the ticket the last successful insert_new wrote.
    TicketId last_id() const { return m_last_id; }

private:
    sql::Driver& m_db;
    TicketId m_last_id = 0;
    std::unique_ptr<sql::Query> m_ticket, m_history; // prepared on the first row, kept until end_bulk()
    std::string m_changes; // JSON of the event, rebuilt per row without reallocating
};

} // namespace svcdesk
