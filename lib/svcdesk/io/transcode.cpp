#include <svcdesk/error.hpp>
#include <svcdesk/io/transcode.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iconv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace svcdesk {
namespace {

bool is_utf8(std::string_view name) {
    std::string n;
    for (char c : name) {
        if (c != '-' && c != '_') n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return n == "utf8";
}

// "UTF-16" when a regular file starts with a UTF-16 byte order mark (FF FE or FE FF); iconv's
// UTF-16 reads the mark and the byte order it gives.
bool starts_with_utf16_bom(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    std::array<unsigned char, 2> head{};
    if (::pread(fd, head.data(), head.size(), 0) != 2) return false;
    return (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF);
}

void write_all(int fd, const char* data, std::size_t size, const std::string& source) {
    while (size > 0) {
        auto n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(Code::internal, "cannot convert {}: {}", source, std::strerror(errno));
        data += n, size -= static_cast<std::size_t>(n);
    }
}

} // namespace

Utf8Input utf8_input(int fd, std::string_view encoding, const std::string& source) {
    std::string from(encoding);
    if (is_utf8(from)) {
        if (!starts_with_utf16_bom(fd)) return {fd, false};
        from = "UTF-16";
    }
    iconv_t cd = ::iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        fail(Code::invalid, "--encoding: unknown encoding '{}' (such as UTF-8, GB18030, GBK, UTF-16; see iconv -l)",
             encoding);
    }
    struct Close {
        iconv_t cd;
        ~Close() { ::iconv_close(cd); }
    } close_cd{cd};
    int out_fd = ::memfd_create("svcdesk-import", MFD_CLOEXEC);
    if (out_fd < 0) fail(Code::internal, "cannot convert {}: {}", source, std::strerror(errno));
    Utf8Input result{out_fd, true};
    try {
        std::vector<char> in(1 << 16), out(1 << 18);
        std::size_t pending = 0;   // bytes of an incomplete sequence kept from the last read
        std::int64_t newlines = 0; // in the output so far: the line of an invalid sequence
        bool at_end = false;
        while (!at_end) {
            auto n = ::read(fd, in.data() + pending, in.size() - pending);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail(Code::invalid, "cannot read {}: {}", source, std::strerror(errno));
            at_end = n == 0;
            std::size_t left = pending + static_cast<std::size_t>(n);
            char* src = in.data();
            while (left > 0) {
                char* dst = out.data();
                std::size_t room = out.size();
                auto rc = ::iconv(cd, &src, &left, &dst, &room);
                auto produced = static_cast<std::size_t>(dst - out.data());
                newlines += std::count(out.data(), dst, '\n');
                write_all(out_fd, out.data(), produced, source);
                if (rc != static_cast<std::size_t>(-1)) break;
                if (errno == E2BIG) continue;
                if (errno == EINVAL && !at_end) break; // an incomplete sequence: read on
                fail(Code::invalid, "{}:{}: not valid {} (byte {:#04x})", source, newlines + 1, from,
                     static_cast<unsigned char>(*src));
            }
            std::memmove(in.data(), src, left);
            pending = left;
        }
        if (::lseek(out_fd, 0, SEEK_SET) != 0) fail(Code::internal, "cannot convert {}: {}", source, std::strerror(errno));
    } catch (...) {
        ::close(out_fd);
        throw;
    }
    return result;
}

} // namespace svcdesk
