#include <svcdesk/domain/deposit.hpp>
#include <svcdesk/domain/loan.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/i18n.hpp>

#include <fmt/ranges.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace svcdesk {
namespace {

constexpr std::array<std::string_view, 3> k_deposit_status_names = {"stored", "released", "disposed"};
constexpr std::array<std::string_view, 3> k_release_kinds = {"out", "claim", "proxy"};

template <typename Enum, size_t N>
Enum parse_name(std::string_view text, const std::array<std::string_view, N>& names, std::string_view what) {
    auto it = std::find(names.begin(), names.end(), text);
    if (it == names.end()) fail(Code::invalid, "unknown {} '{}' (one of: {})", _(std::string(what).c_str()), text,
                                    fmt::join(names, ", "));
    return static_cast<Enum>(it - names.begin());
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Case-folded NFKC form, so that "ＧＵＮ", "Gun" and "gun" compare equal.
std::string fold(std::string_view text) {
    utf8proc_uint8_t* out = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                          &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                                UTF8PROC_CASEFOLD));
    if (n < 0) { // invalid UTF-8 is rejected earlier; fall back to ASCII lower-casing
        std::string s(text);
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }
    std::string s(reinterpret_cast<char*>(out), static_cast<size_t>(n));
    std::free(out);
    return s;
}

bool is_latin_word(std::string_view keyword) {
    return !keyword.empty() && std::all_of(keyword.begin(), keyword.end(), [](char c) {
        return is_ascii_alpha(c) || c == ' ' || c == '-' || c == '/';
    });
}

// Whether [pos, pos+len) of `text` lies inside an occurrence of one of the allowed phrases.
bool allowed_at(const std::string& text, size_t pos, size_t len, const std::vector<std::string>& allow) {
    for (const auto& phrase : allow) {
        for (size_t at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
            if (at <= pos && pos + len <= at + phrase.size()) return true;
            if (at > pos) break;
        }
    }
    return false;
}

bool mentions(const std::string& text, const std::string& keyword, const std::vector<std::string>& allow) {
    const bool latin = is_latin_word(keyword);
    for (size_t pos = text.find(keyword); pos != std::string::npos; pos = text.find(keyword, pos + 1)) {
        size_t end = pos + keyword.size();
        if (latin) {
            if (pos > 0 && is_ascii_alpha(text[pos - 1])) continue;
            // A plural is the same thing: "guns", "matches".
            if (end < text.size() && text[end] == 's') ++end;
            else if (end + 1 < text.size() && text[end] == 'e' && text[end + 1] == 's') end += 2;
            if (end < text.size() && is_ascii_alpha(text[end])) continue;
        }
        if (!allowed_at(text, pos, keyword.size(), allow)) return true;
    }
    return false;
}

} // namespace

std::string_view to_string(DepositStatus s) { return k_deposit_status_names[static_cast<size_t>(s)]; }
std::string_view to_string(DepositState s) { return k_deposit_state_names[static_cast<size_t>(s)]; }
std::string_view to_string(ReleaseKind k) { return k_release_kinds[static_cast<size_t>(k)]; }

DepositStatus parse_deposit_status(std::string_view text) {
    return parse_name<DepositStatus>(text, k_deposit_status_names, N_("deposit status"));
}
DepositState parse_deposit_state(std::string_view text) {
    return parse_name<DepositState>(text, k_deposit_state_names, N_("deposit status"));
}
ReleaseKind parse_release_kind(std::string_view text) {
    return parse_name<ReleaseKind>(text, k_release_kinds, N_("release kind"));
}

std::vector<DepositState> listed_states(std::vector<DepositState> asked, bool all) {
    if (asked.empty() && !all) return {std::begin(k_in_storage), std::end(k_in_storage)};
    return asked;
}

std::string TagPool::text() const {
    auto tag = [&](int n) { return fmt::format("{}{:0{}}", prefix, n, width); };
    return first == last ? tag(first) : tag(first) + "-" + tag(last);
}

bool TagPool::contains(std::string_view tag) const {
    if (tag.size() != prefix.size() + static_cast<size_t>(width) || tag.substr(0, prefix.size()) != prefix) return false;
    auto digits = tag.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), is_ascii_digit)) return false;
    int n = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), n);
    return n >= first && n <= last;
}

bool TagPool::overlaps(const TagPool& other) const {
    return prefix == other.prefix && width == other.width && first <= other.last && other.first <= last;
}

TagPool parse_tag_pool(std::string_view text) {
    auto bad = [&]() {
        fail(Code::invalid, "invalid tag range '{}': expected PREFIX + digits, e.g. \"A001-A100\"", text);
    };
    auto split = [&](std::string_view tag, std::string& prefix, int& number, int& width) {
        size_t i = tag.size();
        while (i > 0 && is_ascii_digit(tag[i - 1])) --i;
        if (i == tag.size() || tag.size() - i > 6) bad();
        prefix = std::string(tag.substr(0, i));
        if (!std::all_of(prefix.begin(), prefix.end(), [](char c) { return is_ascii_alpha(c) || c == '-'; })) bad();
        for (auto& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        width = static_cast<int>(tag.size() - i);
        std::from_chars(tag.data() + i, tag.data() + tag.size(), number);
    };
    TagPool pool;
    // "A001-A100": the range dash is the one right after digits and before the second prefix.
    size_t dash = std::string_view::npos;
    for (size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '-' && is_ascii_digit(text[i - 1]) && !is_ascii_digit(text[i + 1])) dash = i;
    }
    if (dash != std::string_view::npos) {
        std::string prefix2;
        int width2 = 0;
        split(text.substr(0, dash), pool.prefix, pool.first, pool.width);
        split(text.substr(dash + 1), prefix2, pool.last, width2);
        if (prefix2 != pool.prefix || width2 != pool.width || pool.last < pool.first) bad();
    } else {
        split(text, pool.prefix, pool.first, pool.width);
        pool.last = pool.first;
    }
    return pool;
}

std::string normalize_tag(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::string tag(text);
    bool ok = !tag.empty() && tag.size() <= 20 && std::all_of(tag.begin(), tag.end(), [](char c) {
        return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-';
    });
    if (!ok) fail(Code::invalid, "invalid tag '{}': a tag is letters and digits such as A017", text);
    for (auto& c : tag) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return tag;
}

const std::vector<TagPool>& DepositPolicy::pools(std::string_view desk) const {
    static const std::vector<TagPool> k_none;
    auto it = tag_pools.find(std::string(desk));
    return it == tag_pools.end() ? k_none : it->second;
}

std::string DepositPolicy::pools_text(std::string_view desk) const {
    std::vector<std::string> parts;
    for (const auto& p : pools(desk)) parts.push_back(p.text());
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::optional<ScreenHit> screen_items(std::string_view items, const std::vector<ProhibitedCategory>& categories) {
    const auto text = fold(items);
    for (const auto& category : categories) {
        std::vector<std::string> allow;
        for (const auto& a : category.allow) allow.push_back(fold(a));
        for (const auto& keyword : category.keywords) {
            auto folded = fold(keyword);
            if (!folded.empty() && mentions(text, folded, allow)) return ScreenHit{&category, keyword};
        }
    }
    return std::nullopt;
}

namespace {

// The code points of a folded text, or empty for invalid UTF-8.
std::vector<utf8proc_int32_t> code_points(const std::string& text) {
    std::vector<utf8proc_int32_t> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        auto n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) return {};
        out.push_back(cp);
        p += n;
        left -= n;
    }
    return out;
}

bool is_blank(utf8proc_int32_t cp) {
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: return true;
    default: return false;
    }
}

bool is_punctuation(utf8proc_int32_t cp) {
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return true;
    default: return false;
    }
}

using Part = std::u32string;

// The parts of an item description: folded (case, width), blanks dropped ("书 包" is 书包),
// split at punctuation.
std::vector<Part> item_parts(std::string_view text) {
    std::vector<Part> parts;
    Part current;
    for (auto cp : code_points(fold(text))) {
        if (is_blank(cp)) continue;
        if (is_punctuation(cp)) {
            if (!current.empty()) parts.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(static_cast<char32_t>(cp));
        }
    }
    if (!current.empty()) parts.push_back(std::move(current));
    return parts;
}

// A part of the claim names the record when it is a part of the record, or lies inside one
// (at least two characters: 箱 names nothing), or is made of parts of the record joined by at
// most one character each (蓝色书包和红色行李箱).
bool claim_part_found(const Part& claim, const std::vector<Part>& record) {
    for (const auto& r : record) {
        if (claim == r || (claim.size() >= 2 && r.find(claim) != Part::npos)) return true;
    }
    Part rest = claim;
    std::size_t removed = 0;
    for (const auto& r : record) {
        if (r.size() < 2) continue;
        for (auto at = rest.find(r); at != Part::npos; at = rest.find(r)) {
            rest.erase(at, r.size());
            ++removed;
        }
    }
    return removed > 0 && rest.size() <= removed;
}

// A part of the record is named when a part of the claim is it, contains it, or lies inside it
// (at least two characters long).
bool record_part_named(const Part& record, const std::vector<Part>& claim) {
    return std::any_of(claim.begin(), claim.end(), [&](const Part& c) {
        return c == record || (record.size() >= 2 && c.find(record) != Part::npos) ||
               (c.size() >= 2 && record.find(c) != Part::npos);
    });
}

} // namespace

bool items_match(std::string_view claimed, std::string_view recorded) {
    auto given = item_parts(claimed);
    auto record = item_parts(recorded);
    if (given.empty() || record.empty()) return false;
    return std::all_of(record.begin(), record.end(), [&](const Part& p) { return record_part_named(p, given); }) &&
           std::all_of(given.begin(), given.end(), [&](const Part& p) { return claim_part_found(p, record); });
}

int Handover::pieces() const {
    int n = 0;
    for (const auto& c : contents) n += c.pieces;
    return n;
}

bool handover_missed(const Handover& h, Timestamp now) {
    if (!h.confirm_due) return false;
    if (h.confirmed_at) return *h.confirmed_at > *h.confirm_due;
    return now > *h.confirm_due;
}

std::string handover_state(const Handover& h, Timestamp now) {
    if (h.confirmed_at) return handover_missed(h, now) ? "confirmed late" : "confirmed";
    if (!h.confirm_due) return "unconfirmed"; // made before confirmations existed
    return handover_missed(h, now) ? "unconfirmed" : "open";
}

bool handover_has_loans(const Handover& h) { return h.loans_out.value_or(0) > 0 || h.loan_cash.value_or(0) != 0; }

std::optional<std::string> handover_discrepancy(const Handover& h, int pieces,
                                                const std::optional<std::vector<std::string>>& tags,
                                                std::optional<int> loans, std::optional<std::int64_t> cash) {
    std::vector<std::string> parts;
    if (pieces != h.pieces()) parts.push_back(fmt::format("counted {} piece(s), {} handed over", pieces, h.pieces()));
    if (tags) {
        std::vector<std::string> missing, extra;
        for (const auto& c : h.contents) {
            if (std::find(tags->begin(), tags->end(), c.tag) == tags->end()) missing.push_back(c.tag);
        }
        for (const auto& t : *tags) {
            if (std::none_of(h.contents.begin(), h.contents.end(), [&](const HandoverItem& c) { return c.tag == t; }))
                extra.push_back(t);
        }
        if (!missing.empty()) parts.push_back(fmt::format("tags missing: {}", fmt::join(missing, ", ")));
        if (!extra.empty()) parts.push_back(fmt::format("tags not on the list: {}", fmt::join(extra, ", ")));
    }
    if (loans && *loans != h.loans_out.value_or(0)) {
        parts.push_back(fmt::format("counted {} loan item(s), {} out", *loans, h.loans_out.value_or(0)));
    }
    if (cash && *cash != h.loan_cash.value_or(0)) {
        auto on_hand = h.loan_cash.value_or(0);
        parts.push_back(fmt::format("loan cash counted {} yuan, {} on hand ({} {})", format_yuan(*cash),
                                    format_yuan(on_hand), *cash < on_hand ? "short" : "over",
                                    format_yuan(*cash < on_hand ? on_hand - *cash : *cash - on_hand)));
    }
    if (parts.empty()) return std::nullopt;
    return fmt::format("{}", fmt::join(parts, "; "));
}

bool is_overdue(const Deposit& d, Timestamp now) { return d.status == DepositStatus::stored && now > d.due_at; }

DepositState state_of(const Deposit& d, Timestamp now) {
    switch (d.status) {
    case DepositStatus::released: return DepositState::released;
    case DepositStatus::disposed: return DepositState::disposed;
    case DepositStatus::stored: break;
    }
    return is_overdue(d, now) ? DepositState::overdue : DepositState::stored;
}

} // namespace svcdesk
