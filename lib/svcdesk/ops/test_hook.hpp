#pragma once
// Test hooks: pauses a command makes on a sandbox database only, so that tests can watch what
// other processes do meanwhile (tests/pg/test_pg_writers.sh). Documented in docs/testing.md.

#include <svcdesk/ops/context.hpp>

namespace svcdesk {

// When the environment variable `variable` names a file FILE and the database is a sandbox:
// creates FILE.held, then waits while FILE exists (at most 120 s), then removes FILE.held.
// Does nothing otherwise. Call it where the command holds what the test is about (import: its
// transaction open, its rows written, not yet committed).
void hold_for_test(Context& ctx, const char* variable);

} // namespace svcdesk
