#pragma once
// What a command declares about itself, and the one place that runs it so (STYLE.md, Commands;
// Taskwarrior's per-command _read_only): whether it reads or writes the database decides between
// one read snapshot and the one write transaction, and who must act is checked centrally too.

#include <svcdesk/ops/context.hpp>

#include <functional>
#include <string_view>

namespace svcdesk {

enum class Access {
    none,  // no database: the configuration, the completion script
    read,  // one consistent read snapshot
    write, // one write transaction: all of it commits, or nothing
    own,   // the command opens the database or runs its own transactions (init, db, import)
};

enum class Actor {
    anyone,     // no identity needed: the configuration, init, login, whoami
    staff,      // an active staff member, proven (ops/identity.hpp): every command that changes
                // records or shows personal data
    supervisor, // an active supervisor
};

struct CommandInfo {
    Access access = Access::read;
    Actor actor = Actor::staff;
    std::string_view action = "do this"; // what a supervisor may do, for the refusal message
    // A read that must see the caller's own latest write (whoami right after login): it reads
    // the primary even when a replica is set.
    bool primary = false;

    bool writes() const { return access == Access::write; }
    // Whether the command reads the replica when one is set (database.read_url, issue 22): a
    // read snapshot that writes nothing, not even an audit event (a --reveal declares a write).
    // Writes, and the commands that open the database themselves (init, db, import, completion),
    // work on the primary; so does everything a write reads, in its own transaction.
    bool reads_replica() const { return access == Access::read && !primary; }
};

// Runs `work` as `info` declares, on ctx.store: in one read snapshot (read) or one write
// transaction (write), into which the ops' own transactions nest. The declared actor is checked
// as the command starts, but a refusal is thrown only after `work` returns: the op's own checks
// come first and say precisely what is wrong, and an op that forgot its check still writes
// nothing. A CommittedFailure from `work` commits what was written, then propagates; any other
// exception rolls everything back. Access none and own just run `work`.
// A write that lost a race on PostgreSQL runs again (Store::write): the notices of the lost run
// are dropped, and `again` undoes what else it did (the CLI: output held back), or returns
// false when it cannot.
void run_command(Context& ctx, const CommandInfo& info, const std::function<void()>& work,
                 const std::function<bool()>& again = {});

} // namespace svcdesk
