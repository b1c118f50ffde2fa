#pragma once
// What a report reads: the configuration, the database and the clock. Reports sit beside the
// use cases (ops/), not on them, so they take this rather than an ops Context; they change
// nothing and check no actor.

#include <svcdesk/config/config.hpp>
#include <svcdesk/store/store.hpp>

namespace svcdesk {

struct ReportSource {
    const Config& config;
    Store& store;
    Timestamp now;

    Zone zone() const { return config.zone; }
};

} // namespace svcdesk
