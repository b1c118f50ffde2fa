#pragma once
// Standard output held back while a command's transaction is open, so that nothing a command
// prints (a new id, "released") reaches the terminal unless its writes commit.

#include <cstddef>
#include <memory>
#include <ostream>

namespace svcdesk::cli {

class HeldOutput {
public:
    // Holds what is written to `out` from now on (when `hold`; else it passes straight through).
    // Past k_limit bytes the output streams on, as it did before: a command that prints that
    // much (an export) writes it inside its transaction either way.
    HeldOutput(std::ostream& out, bool hold);
    HeldOutput(const HeldOutput&) = delete;
    HeldOutput& operator=(const HeldOutput&) = delete;
    // Without release() the held output is dropped: the command failed.
    ~HeldOutput();
    void release();
    // Drops what is held so far (the run of a command that will run again); false when part of
    // it has reached the output already.
    bool discard();

    static constexpr std::size_t k_limit = 1 << 20;

private:
    class Buffer;
    std::ostream& m_out;
    std::streambuf* m_original = nullptr;
    std::unique_ptr<Buffer> m_buffer;
};

} // namespace svcdesk::cli
