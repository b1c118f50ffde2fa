#pragma once
// Full-text search of tickets: what a search text means and how a hit is shown. No I/O here;
// the index itself is the database's (store/: SQLite FTS5 trigram, PostgreSQL pg_trgm).

#include <svcdesk/domain/ticket.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// A term shorter than this many characters cannot use a trigram index (store/ scans for it).
inline constexpr std::size_t k_search_trigram = 3;
// The hits a search returns when no --limit is given.
inline constexpr std::size_t k_search_default_limit = 20;

// The terms of a search text, split at spaces (ASCII and the ideographic U+3000); a ticket
// matches when every term occurs, case-insensitively, in one of its searched texts. Throws
// Error(invalid) when the text is not valid UTF-8, has no term, or holds a control character.
std::vector<std::string> search_terms(std::string_view text);

struct SearchHit {
    Ticket ticket;
    // The searched texts as the index holds them, one per line: subject, description,
    // resolution, customer, external_ref, then each note.
    std::string text;
    std::string snippet; // the line of the first term found, cut around it, the term in [ ]
};

// The snippet of `text` (SearchHit::text) for `terms`: the first line holding a term (ASCII
// case folded), at most `context` characters either side of the term, "…" where cut.
std::string search_snippet(std::string_view text, const std::vector<std::string>& terms, std::size_t context = 12);

} // namespace svcdesk
