#include <svcdesk/domain/phone.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/ops/import_row.hpp>
#include <svcdesk/ops/privacy.hpp>
#include <svcdesk/text.hpp>

#include <fmt/ranges.h>

#include <algorithm>

namespace svcdesk::import_detail {
namespace {

constexpr std::size_t field(std::string_view name) {
    for (std::size_t i = 0; i < k_field_count; ++i) {
        if (k_import_fields[i] == name) return i;
    }
    throw "not an import field"; // compile-time error when used in a constant expression
}

constexpr std::size_t f_ref = field("external_ref"), f_created = field("created_at"),
                      f_first = field("first_response_at"), f_resolved = field("resolved_at"),
                      f_closed = field("closed_at"), f_channel = field("channel"), f_status = field("status"),
                      f_category = field("category"), f_class = field("class"), f_priority = field("priority"),
                      f_desk = field("desk"), f_customer = field("customer"), f_phone = field("phone"),
                      f_customer_type = field("customer_type"), f_flags = field("flags"),
                      f_language = field("language"), f_subject = field("subject"),
                      f_description = field("description"), f_owner = field("owner"), f_assignee = field("assignee"),
                      f_resolution = field("resolution");

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// check_text, with a fast path for plain ASCII (nearly every value of a call log).
std::optional<std::string> text_problem(std::string_view name, std::string_view v, std::size_t max, bool required,
                                        bool multiline) {
    bool simple = true, blank = true;
    for (unsigned char c : v) {
        if (c >= 0x20 && c < 0x7f) {
            blank = blank && c == ' ';
        } else if (!(multiline && (c == '\n' || c == '\t' || c == '\r'))) {
            simple = false;
            break;
        }
    }
    if (simple) {
        if (required && blank) return format_message("{} must not be empty", name);
        if (v.size() > max) return format_message("{} is too long ({} characters; at most {})", name, v.size(), max);
        return std::nullopt;
    }
    try {
        check_text(name, v, max, required, multiline);
    } catch (const Error& e) {
        return e.what();
    }
    return std::nullopt;
}

template <typename F>
bool guard(RowProblem& problem, std::string column, F&& parse) {
    try {
        parse();
        return true;
    } catch (const Error& e) {
        problem = {std::move(column), e.what()};
        return false;
    }
}

} // namespace

RowMapper::RowMapper(MapperSetup setup) : m_setup(std::move(setup)), m_zone(m_setup.profile->zone) {
    const auto& p = *m_setup.profile;
    auto index_of = [&](const std::string& column) {
        auto it = std::find(m_setup.columns.begin(), m_setup.columns.end(), column);
        return it == m_setup.columns.end() ? -1 : static_cast<int>(it - m_setup.columns.begin());
    };
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < k_field_count; ++i) {
        auto& s = m_sources[i];
        std::string name(k_import_fields[i]);
        if (auto c = p.columns.find(name); c != p.columns.end()) {
            s.name = c->second;
            s.column = index_of(c->second);
            if (s.column < 0) missing.push_back(c->second);
        } else {
            s.name = name;
        }
        if (auto v = p.values.find(name); v != p.values.end()) s.values = &v->second;
        if (auto d = p.defaults.find(name); d != p.defaults.end()) s.fallback = &d->second;
    }
    for (const auto& c : p.description_columns) {
        int i = index_of(c);
        if (i < 0) missing.push_back(c);
        else m_description_columns.emplace_back(static_cast<std::size_t>(i), c);
    }
    if (!missing.empty()) {
        fail(Code::invalid, "the input has no column {} needed by profile {} (its columns: {})",
             fmt::join(missing, ", "), p.name, fmt::join(m_setup.columns, ", "));
    }
    for (const auto& f : p.date_formats) m_formats.emplace_back(f);
}

std::string RowMapper::column_of(std::size_t f) const { return m_sources[f].name; }

RowMapper::Value RowMapper::value(std::size_t f, const Record& record) const {
    const auto& s = m_sources[f];
    Value v;
    if (s.column >= 0) {
        v.text = trim(record.fields[static_cast<std::size_t>(s.column)]);
        v.column = &s.name;
    }
    if (v.text.empty()) {
        if (s.fallback) v.text = *s.fallback;
        return v;
    }
    if (s.values) {
        if (auto it = s.values->values.find(v.text); it != s.values->values.end()) {
            v.text = it->second.value;
            v.note = &it->second.note;
        } else if (s.values->fallback) {
            v.text = s.values->fallback->value;
            v.note = &s.values->fallback->note;
        }
    }
    return v;
}

bool RowMapper::text(std::size_t f, const Record& record, std::size_t max, bool required, bool multiline,
                     std::optional<std::string>& out, RowProblem& problem) const {
    auto v = value(f, record);
    if (auto p = text_problem(k_import_fields[f], v.text, max, required, multiline)) {
        problem = {column_of(f), *p};
        return false;
    }
    if (v.text.empty()) out.reset();
    else out.emplace(v.text);
    return true;
}

bool RowMapper::time(std::size_t f, const Record& record, std::optional<Timestamp>& out, RowProblem& problem) {
    out.reset();
    if (m_sources[f].column < 0) return true;
    auto text = trim(record.fields[static_cast<std::size_t>(m_sources[f].column)]);
    if (text.empty()) return true;
    out = parse_source_time(text, m_formats, m_zone, m_setup.profile->zone);
    if (out) return true;
    std::string formats = m_formats.empty() ? "ISO 8601 such as 2017-12-31T23:59:58" : "";
    for (const auto& fmt_ : m_formats) formats += (formats.empty() ? "" : " or ") + fmt_.pattern();
    problem = {column_of(f), format_message("invalid time '{}' (expected {})", text, formats)};
    return false;
}

bool RowMapper::map(const Record& record, Ticket& t, TicketEvent& event, RowProblem& problem) {
    const Config& config = *m_setup.config;
    const Limits& limits = config.limits;
    if (record.error) {
        problem.column = record.error_column < m_setup.columns.size() ? m_setup.columns[record.error_column] : "row";
        problem.problem = *record.error;
        return false;
    }
    t = Ticket{};
    event.changes.clear();
    event.reason.reset();
    std::vector<std::string> notes;

    if (!text(f_ref, record, limits.external_ref, true, false, t.external_ref, problem)) {
        problem.problem += " (it identifies the row, so that re-running an import adds nothing)";
        return false;
    }
    std::optional<Timestamp> created, first, resolved, closed;
    if (!time(f_created, record, created, problem) || !time(f_first, record, first, problem) ||
        !time(f_resolved, record, resolved, problem) || !time(f_closed, record, closed, problem)) {
        return false;
    }
    if (m_sources[f_created].column >= 0 && !created) {
        problem = {column_of(f_created), "the creation time is empty"};
        return false;
    }
    // History: the source's time is both when the contact happened and when it was recorded;
    // the import event carries the import's own time.
    t.created_at = created.value_or(m_setup.now);
    t.contact_at = t.created_at;
    if (t.created_at > m_setup.now) {
        problem = {column_of(f_created), format_message("{} is in the future", format_iso(t.created_at, config.zone))};
        return false;
    }

    auto channel = value(f_channel, record);
    if (!guard(problem, column_of(f_channel), [&] { t.channel = parse_channel(channel.text.empty() ? "other" : channel.text); })) return false;
    auto category = value(f_category, record);
    if (category.text.empty()) {
        problem = {column_of(f_category), "the category is empty (map it or give a default)"};
        return false;
    }
    auto dot = category.text.find('.');
    const Category* cat = config.find_category(category.text.substr(0, dot));
    if (!cat) {
        guard(problem, column_of(f_category), [&] { config.category(category.text.substr(0, dot)); });
        return false;
    }
    t.category = cat->id;
    auto klass = dot == std::string_view::npos ? value(f_class, record).text : category.text.substr(dot + 1);
    if (!klass.empty()) {
        if (std::find(cat->classes.begin(), cat->classes.end(), klass) == cat->classes.end()) {
            problem = {column_of(f_class), format_message("category '{}' has no class '{}'", cat->id, klass)};
            return false;
        }
        t.complaint_class.emplace(klass);
    }
    auto priority = value(f_priority, record);
    if (!guard(problem, column_of(f_priority), [&] { t.priority = parse_priority(priority.text.empty() ? "normal" : priority.text); })) return false;
    auto desk = value(f_desk, record);
    if (desk.text.empty()) {
        t.desk = config.find_desk(m_setup.actor_desk) ? m_setup.actor_desk : config.default_desk;
    } else if (!guard(problem, column_of(f_desk), [&] { t.desk = config.desk(desk.text).id; })) {
        return false;
    }
    std::optional<std::string> customer, phone, language, subject, description, resolution;
    if (!text(f_customer, record, limits.customer, true, false, customer, problem) ||
        !text(f_phone, record, 40, false, false, phone, problem) ||
        !text(f_language, record, 35, false, false, language, problem) ||
        !text(f_subject, record, limits.subject, true, false, subject, problem) ||
        !text(f_resolution, record, limits.note, false, true, resolution, problem)) {
        return false;
    }
    // No ID numbers in free text (seed 004 §4-5): refused as an invalid row, or masked.
    auto screen = [&](std::size_t f, std::optional<std::string>& value) {
        return !value || guard(problem, column_of(f), [&] {
            value = screen_id_numbers(config.privacy, k_import_fields[f], std::move(*value));
        });
    };
    if (!screen(f_subject, subject) || !screen(f_resolution, resolution)) return false;
    t.customer = std::move(*customer);
    // Normalised like every phone that comes in (issue 20); an impossible one is a row error.
    if (phone && !phone->empty() &&
        !guard(problem, column_of(f_phone), [&] { phone = normalize_phone(*phone, config.default_country); }))
        return false;
    t.phone = std::move(phone);
    t.language = std::move(language);
    t.subject = std::move(*subject);
    auto customer_type = value(f_customer_type, record);
    if (!guard(problem, column_of(f_customer_type), [&] { t.customer_type = parse_customer_type(customer_type.text.empty() ? "other" : customer_type.text); })) return false;
    auto flags = value(f_flags, record);
    if (!guard(problem, column_of(f_flags), [&] { t.flags = parse_flags(flags.text); })) return false;

    m_description.clear();
    m_description.append(value(f_description, record).text);
    for (const auto& [index, name] : m_description_columns) {
        auto v = trim(record.fields[index]);
        if (v.empty()) continue;
        if (!m_description.empty()) m_description.push_back('\n');
        m_description.append(name).append(": ").append(v);
    }
    if (auto p = text_problem("description", m_description, limits.description, false, true)) {
        problem = {column_of(f_description), *p};
        return false;
    }
    if (!m_description.empty()) {
        t.description = m_description;
        if (!screen(f_description, t.description)) return false;
    }

    for (auto [f, member] : {std::pair{f_owner, &t.owner}, std::pair{f_assignee, &t.assignee}}) {
        auto v = value(f, record);
        if (v.text.empty()) continue;
        if (!m_setup.staff.count(v.text)) {
            problem = {column_of(f), format_message("no staff member '{}' (map the value or add the staff first)", v.text)};
            return false;
        }
        member->emplace(v.text);
    }
    if (!t.owner) t.owner = m_setup.actor;

    auto status = value(f_status, record);
    if (!guard(problem, column_of(f_status), [&] { t.status = parse_status(status.text.empty() ? "new" : status.text); })) return false;
    if (status.note && *status.note) notes.push_back(**status.note);
    if (t.status == Status::waiting) {
        problem = {column_of(f_status), "waiting tickets cannot be imported (import them as in_progress)"};
        return false;
    }
    // A source that kept only the day of the close puts it before the creation time.
    auto check_order = [&](std::optional<Timestamp>& when, std::size_t f) {
        if (!when || *when >= t.created_at) return true;
        if (!m_setup.profile->clamp_closed_before_created) {
            problem = {column_of(f), format_message("{} is before the creation time {}", format_iso(*when, config.zone),
                                                 format_iso(t.created_at, config.zone))};
            return false;
        }
        notes.push_back(fmt::format("{} {} was before the creation time; used the creation time", column_of(f),
                                    format_iso(*when, config.zone)));
        when = t.created_at;
        return true;
    };
    if (!check_order(first, f_first) || !check_order(resolved, f_resolved) || !check_order(closed, f_closed)) return false;

    switch (t.status) {
    case Status::closed:
    case Status::resolved:
        if (!resolved) resolved = closed;
        if (!resolved) {
            problem = {column_of(f_closed), format_message("a {} row needs a close time", to_string(t.status))};
            return false;
        }
        if (t.status == Status::closed) t.closed_at = closed.value_or(*resolved);
        t.resolved_at = resolved;
        // The source has no first response: it happened by the resolution at the latest.
        t.first_response_at = first.value_or(*resolved);
        t.resolution = resolution ? resolution : (notes.empty() ? std::nullopt : std::optional<std::string>(notes.front()));
        break;
    case Status::in_progress:
    case Status::assigned:
        if (!t.assignee) t.assignee = t.owner;
        if (t.status == Status::in_progress) t.first_response_at = first.value_or(t.created_at);
        break;
    case Status::cancelled:
        if (closed) notes.push_back("cancelled at " + format_iso(*closed, config.zone));
        break;
    default:
        break;
    }

    auto target = config.sla.target(t.category, t.complaint_class, t.priority);
    t.response_due =
        deadline(t.contact_at, target.respond, target.respond_clock, config.calendar, config.zone);
    t.resolve_due =
        deadline(t.contact_at, target.resolve, target.resolve_clock, config.calendar, config.zone);
    t.updated_at = m_setup.now;

    event.at = m_setup.now;
    event.actor = m_setup.actor;
    event.action = "import";
    // One compact event: the row itself holds every imported field; the history keeps the status
    // (db check compares it with the ticket) and where the ticket came from.
    event.changes = {{"status", std::nullopt, std::string(to_string(t.status))},
                     {"profile", std::nullopt, m_setup.profile->name}};
    if (!notes.empty()) event.reason = fmt::format("{}", fmt::join(notes, "; "));
    return true;
}

} // namespace svcdesk::import_detail
