#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/auxv.h>

namespace svcdesk {

namespace {

// The catalogues of an installed svcdesk: beside the binary (<bindir>/../share/locale) when
// there, which covers the .deb (built for /usr/local, installed in /usr) and a moved prefix;
// else the configured install path. A setgid svcdesk reads only the configured one.
std::string installed_catalogues() {
    if (::getauxval(AT_SECURE) != 0) return SVCDESK_LOCALEDIR;
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return SVCDESK_LOCALEDIR;
    auto beside = (exe.parent_path() / SVCDESK_LOCALEDIR_FROM_BIN).lexically_normal();
    if (std::filesystem::is_directory(beside, ec)) return beside.string();
    return SVCDESK_LOCALEDIR;
}

} // namespace

const char* p_(const char* context, const char* msgid) {
    // A catalogue keys a word in a context as "context\004word" (gettext.h's pgettext).
    const std::string key = std::string(context) + '\004' + msgid;
    const char* shown = ::dgettext("svcdesk", key.c_str());
    return shown == key.c_str() ? msgid : shown;
}

void init_messages() {
    std::setlocale(LC_CTYPE, "");
    std::setlocale(LC_MESSAGES, "");
    // secure_getenv: a setgid svcdesk (docs/deployment.md) never reads catalogues a user names.
    const char* dir = ::secure_getenv("SVCDESK_LOCALEDIR");
    std::string catalogues = dir && *dir ? std::string(dir) : installed_catalogues();
    ::bindtextdomain("svcdesk", catalogues.c_str());
    ::bind_textdomain_codeset("svcdesk", "UTF-8");
}

std::string vformat_message(fmt::string_view format, fmt::format_args args) {
    std::string msgid(format.data(), format.size());
    const char* text = msgid.empty() ? msgid.c_str() : _(msgid.c_str()); // ("" is the header)
    if (text != msgid.c_str()) {
        try {
            return fmt::vformat(text, args);
        } catch (const fmt::format_error&) {
        }
    }
    return fmt::vformat(format, args);
}

} // namespace svcdesk
