#include <svcdesk/ops/test_hook.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace svcdesk {

void hold_for_test(Context& ctx, const char* variable) {
    const char* file = std::getenv(variable);
    if (!file || !*file || !ctx.store.sandbox()) return;
    namespace fs = std::filesystem;
    const fs::path hold = file;
    const fs::path held = hold.string() + ".held";
    std::ofstream(held) << "held\n";
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    std::error_code ec;
    while (fs::exists(hold, ec) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    fs::remove(held, ec);
}

} // namespace svcdesk
