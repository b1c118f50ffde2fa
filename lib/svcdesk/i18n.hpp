#pragma once
// Messages for people in the user's language, through GNU gettext (glibc's libintl; text domain
// "svcdesk", catalogues built from po/). _() marks a message and translates it where it is used;
// N_() only marks one kept in a table, translated with _() where it is shown; n_() picks the
// plural form for a count. What programs read never goes through them: JSON keys, CSV headers,
// ids, exit codes and the "svcdesk: error:" / "svcdesk: note:" prefixes stay the same in every
// locale.
// A translated format string is a runtime one: fmt::format(fmt::runtime(_("{0} of {1}")), a, b).
// Use positional fields ({0}, {1}) so that a translation may change their order.

#include <libintl.h>

#define N_(text) text
// Marks a word in a context (xgettext's msgctxt), translated with p_(): short words such as
// "new" or "other" mean different things as a status and as a channel.
#define NC_(context, text) text

namespace svcdesk {

inline const char* _(const char* msgid) { return ::dgettext("svcdesk", msgid); }

inline const char* n_(const char* singular, const char* plural, unsigned long count) {
    return ::dngettext("svcdesk", singular, plural, count);
}

// The translation of `msgid` in `context` (gettext's pgettext), or `msgid` itself when the
// catalogue has none.
const char* p_(const char* context, const char* msgid);

// Sets the program's message locale from the environment (LC_ALL, LC_MESSAGES, LANG; LANGUAGE
// for a list of languages) and binds the text domain to the installed catalogues, or to
// SVCDESK_LOCALEDIR when set (the build tree's, for the tests). Numbers and times are not
// touched: LC_NUMERIC and LC_TIME stay "C", so that parsing and machine output never depend on
// the locale.
void init_messages();

} // namespace svcdesk
