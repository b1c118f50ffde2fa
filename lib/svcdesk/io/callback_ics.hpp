#pragma once
// iCalendar (RFC 5545) output of callbacks (written through io/output_file.hpp).

#include <svcdesk/time.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace svcdesk {

// One VEVENT. Text fields are plain text; escaping and line folding happen on rendering.
struct IcsEvent {
    std::string uid;
    Timestamp start{};
    minutes duration{15};
    std::string summary;
    std::string description;
    std::string category;
};

// A whole VCALENDAR: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
// character, TEXT values escaped, times in UTC. `stamp` is the DTSTAMP of every event.
std::string render_ics(const std::vector<IcsEvent>& events, Timestamp stamp, std::string_view calendar_name);

// RFC 5545 §3.3.11 escaping of a TEXT value.
std::string ics_escape(std::string_view text);
// RFC 5545 §3.1 folding of one content line (without its CRLF); the result has CRLF inside.
std::string ics_fold(std::string_view line);

} // namespace svcdesk
