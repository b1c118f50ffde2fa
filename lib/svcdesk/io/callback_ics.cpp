#include <svcdesk/error.hpp>
#include <svcdesk/io/callback_ics.hpp>

namespace svcdesk {
namespace {

constexpr std::size_t k_line_octets = 75;

std::string utc_stamp(Timestamp t) { return date::format("%Y%m%dT%H%M%SZ", t); }

void add_line(std::string& out, std::string_view line) {
    out += ics_fold(line);
    out += "\r\n";
}

} // namespace

std::string ics_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\r': break; // a CRLF in the source is one line break
        default: out += c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    std::string out;
    std::size_t room = k_line_octets; // octets left on the current physical line
    std::size_t i = 0;
    while (i < line.size()) {
        // Length of the UTF-8 sequence starting here: never split one across lines.
        auto lead = static_cast<unsigned char>(line[i]);
        std::size_t len = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3 : (lead >> 3) == 0x1e ? 4 : 1;
        len = std::min(len, line.size() - i);
        if (len > room) {
            out += "\r\n ";
            room = k_line_octets - 1; // the leading space counts
        }
        out.append(line.substr(i, len));
        room -= len;
        i += len;
    }
    return out;
}

std::string render_ics(const std::vector<IcsEvent>& events, Timestamp stamp, std::string_view calendar_name) {
    std::string out;
    add_line(out, "BEGIN:VCALENDAR");
    add_line(out, "VERSION:2.0");
    add_line(out, "PRODID:-//svcdesk//svcdesk callbacks//EN");
    add_line(out, "CALSCALE:GREGORIAN");
    add_line(out, "METHOD:PUBLISH");
    add_line(out, "X-WR-CALNAME:" + ics_escape(calendar_name));
    for (const auto& e : events) {
        add_line(out, "BEGIN:VEVENT");
        add_line(out, "UID:" + e.uid);
        add_line(out, "DTSTAMP:" + utc_stamp(stamp));
        add_line(out, "DTSTART:" + utc_stamp(e.start));
        add_line(out, fmt::format("DURATION:PT{}M", e.duration.count()));
        add_line(out, "SUMMARY:" + ics_escape(e.summary));
        add_line(out, "DESCRIPTION:" + ics_escape(e.description));
        if (!e.category.empty()) add_line(out, "CATEGORIES:" + ics_escape(e.category));
        add_line(out, "STATUS:CONFIRMED");
        add_line(out, "TRANSP:TRANSPARENT");
        add_line(out, "END:VEVENT");
    }
    add_line(out, "END:VCALENDAR");
    return out;
}

} // namespace svcdesk
