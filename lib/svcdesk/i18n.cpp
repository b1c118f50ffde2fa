#include <svcdesk/i18n.hpp>

#include <clocale>
#include <cstdlib>

namespace svcdesk {

void init_messages() {
    std::setlocale(LC_CTYPE, "");
    std::setlocale(LC_MESSAGES, "");
    // secure_getenv: a setgid svcdesk (docs/deployment.md) never reads catalogues a user names.
    const char* dir = ::secure_getenv("SVCDESK_LOCALEDIR");
    ::bindtextdomain("svcdesk", dir && *dir ? dir : SVCDESK_LOCALEDIR);
    ::bind_textdomain_codeset("svcdesk", "UTF-8");
}

} // namespace svcdesk
