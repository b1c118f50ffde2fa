// libFuzzer target: the import CSV reader over arbitrary bytes (header, quoting, UTF-8, sizes).
#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    int fd = ::memfd_create("fuzz.csv", 0);
    if (fd < 0) return 0;
    if (::write(fd, data, size) == static_cast<ssize_t>(size) && ::lseek(fd, 0, SEEK_SET) == 0) {
        try {
            auto reader = svcdesk::make_csv_reader(fd, "fuzz.csv");
            svcdesk::Record record;
            while (reader->next(record)) {
                if (!record.error && record.fields.size() != reader->columns().size()) __builtin_trap();
            }
        } catch (const svcdesk::Error&) {
        }
    }
    ::close(fd);
    return 0;
}
