#include <svcdesk/error.hpp>
#include <svcdesk/io/record_reader.hpp>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace svcdesk {

namespace {
#ifdef SVCDESK_FUZZ_SMALL_BUFFERS
constexpr std::size_t k_chunk = 64; // fuzz builds: every input crosses refills and buffer growth
#else
constexpr std::size_t k_chunk = 1u << 20;
#endif
} // namespace

ByteInput::ByteInput(int fd, std::string source) : m_fd(fd), m_source(std::move(source)), m_buf(k_chunk) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) m_total = static_cast<std::uint64_t>(st.st_size);
}

bool ByteInput::refill(std::size_t keep_from) {
    if (keep_from > 0) {
        std::memmove(m_buf.data(), m_buf.data() + keep_from, m_size - keep_from);
        m_size -= keep_from;
        m_dropped += keep_from;
    }
    if (m_eof) return false;
    if (m_size + k_chunk / 4 > m_buf.size()) m_buf.resize(m_buf.size() * 2); // a record longer than the buffer
    for (;;) {
        ssize_t n = ::read(m_fd, m_buf.data() + m_size, m_buf.size() - m_size);
        if (n > 0) {
            m_size += static_cast<std::size_t>(n);
            return true;
        }
        if (n == 0) {
            m_eof = true;
            return false;
        }
        if (errno != EINTR) fail(Code::internal, "cannot read {}: {}", m_source, std::strerror(errno));
    }
}

bool utf8_valid(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        // Eight ASCII bytes at a time: the common case of call logs.
        if (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                p += 8;
                continue;
            }
        }
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra;
        std::uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) extra = 1, cp = c & 0x1f;
        else if (c >= 0xe0 && c <= 0xef) extra = 2, cp = c & 0x0f;
        else if (c >= 0xf0 && c <= 0xf4) extra = 3, cp = c & 0x07;
        else return false;
        if (end - p <= extra) return false;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return false;
        }
        p += extra + 1;
    }
    return true;
}

} // namespace svcdesk
