// libFuzzer target: import row mapping. The first input byte picks a profile (the built-in la311,
// or a small one that maps every ticket field); the rest is read as CSV rows after that
// profile's header, and every record goes through the RowMapper.
#include <svcdesk/config/config.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/csv_reader.hpp>
#include <svcdesk/ops/import_row.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// Maps every field the importer knows, with ISO and US date formats and value maps with notes.
constexpr std::string_view k_wide_profile = R"(
[import.profiles.wide]
format = "csv"
time_zone = "Asia/Shanghai"
date_formats = ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M:%S %p"]
closed_before_created = "clamp"
description_columns = ["where", "notes"]
[import.profiles.wide.columns]
external_ref = "ref"
created_at = "created"
first_response_at = "first"
resolved_at = "resolved"
closed_at = "closed"
channel = "via"
status = "state"
category = "type"
class = "class"
priority = "prio"
desk = "desk"
customer = "name"
phone = "phone"
customer_type = "ctype"
flags = "flags"
language = "lang"
subject = "subject"
owner = "owner"
assignee = "assignee"
resolution = "resolution"
[import.profiles.wide.defaults]
customer = "anonymous caller"
subject = "call"
[import.profiles.wide.values.channel]
"tel" = "phone"
"*" = "other"
[import.profiles.wide.values.status]
"done" = "closed"
"moved" = { value = "closed", note = "handed on" }
[import.profiles.wide.values.category]
"*" = "other"
)";

constexpr std::string_view k_wide_header = "ref,created,first,resolved,closed,via,state,type,class,prio,desk,name,phone,"
                                           "ctype,flags,lang,subject,owner,assignee,resolution,where,notes\n";
constexpr std::string_view k_la311_header =
    "SRNumber,CreatedDate,UpdatedDate,ActionTaken,Owner,RequestType,Status,RequestSource,MobileOS,Anonymous,"
    "AssignTo,ServiceDate,ClosedDate,AddressVerified,ApproximateAddress,Address,HouseNumber,Direction,StreetName,"
    "Suffix,ZipCode,Latitude,Longitude,Location,TBMPage,TBMColumn,TBMRow,APC,CD,CDMember,NC,NCName,PolicePrecinct\n";

const svcdesk::Config& config() {
    static const svcdesk::Config c = svcdesk::load_config_text(k_wide_profile, "fuzz.toml");
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    bool la311 = (data[0] & 1) != 0;
    const auto& cfg = config();
    std::string text(la311 ? k_la311_header : k_wide_header);
    text.append(reinterpret_cast<const char*>(data + 1), size - 1);

    int fd = ::memfd_create("fuzz.csv", 0);
    if (fd < 0) return 0;
    if (::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::lseek(fd, 0, SEEK_SET) == 0) {
        try {
            auto reader = svcdesk::make_csv_reader(fd, "fuzz.csv");
            svcdesk::import_detail::MapperSetup setup;
            setup.config = &cfg;
            setup.profile = &cfg.import_profiles.at(la311 ? "la311" : "wide");
            setup.columns = reader->columns();
            setup.actor = "boss";
            setup.actor_desk = "internal";
            setup.staff = {"boss", "a1"};
            setup.now = svcdesk::Timestamp{std::chrono::seconds{1795395600}}; // 2026-11-23T09:00:00+08:00
            svcdesk::import_detail::RowMapper mapper(std::move(setup));
            svcdesk::Record record;
            svcdesk::Ticket ticket;
            svcdesk::TicketEvent event;
            svcdesk::import_detail::RowProblem problem;
            while (reader->next(record)) {
                if (!mapper.map(record, ticket, event, problem) && problem.problem.empty()) __builtin_trap();
            }
        } catch (const svcdesk::Error&) {
        }
    }
    ::close(fd);
    return 0;
}
