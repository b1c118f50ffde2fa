#pragma once
// Helpers the unit tests share.

#include <svcdesk/error.hpp>

#include <functional>

namespace svcdesk::testing {

// The code of the Error that `f` throws; Code{} (no code) when it throws none.
inline Code code_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.code();
    }
    return Code{};
}

} // namespace svcdesk::testing
