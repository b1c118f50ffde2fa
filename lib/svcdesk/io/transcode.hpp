#pragma once
// Call logs in the encodings phone systems and Excel write (issue 21): GB18030/GBK, UTF-16 with
// a byte order mark, and anything else glibc's iconv knows, turned into the UTF-8 the readers take.

#include <string>
#include <string_view>

namespace svcdesk {

// The input of an import, in UTF-8. `fd` itself (owned false) when `encoding` is UTF-8 (any
// spelling; the default) and a regular file does not start with a UTF-16 byte order mark; else
// a memory file (memfd, owned true: the caller closes it) holding the input converted through
// iconv. "UTF-16" without an order mark is read big-endian, as iconv does.
// Throws Error(invalid) for an encoding iconv does not know, and "SOURCE:LINE: ..." at the
// first byte sequence that is not valid in `encoding`.
struct Utf8Input {
    int fd = -1;
    bool owned = false;
};
Utf8Input utf8_input(int fd, std::string_view encoding, const std::string& source);

} // namespace svcdesk
