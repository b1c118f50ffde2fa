// `svcdesk import`: batch import of call logs. Messages for people (invalid rows, progress, the
// summary) go to standard error, so that standard output stays clean for scripts.
#include "app.hpp"

#include <svcdesk/i18n.hpp>
#include <svcdesk/error.hpp>
#include <svcdesk/io/output_file.hpp>
#include <svcdesk/ops/import.hpp>
#include <svcdesk/text.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace svcdesk::cli {
namespace {

struct ImportOptions {
    std::string file;
    std::string profile;
    std::optional<std::string> input_format;
    std::string encoding = "UTF-8";
    bool dry_run = false;
    bool skip_invalid = false;
    std::optional<std::string> reject_file;
};

using Clock = std::chrono::steady_clock;

// Rows that failed, verbatim, after the CSV header: the file can be fixed and imported again.
// An AtomicFile (mode 0600: rows hold personal data) that becomes the file only at the end, so a
// failed import never leaves half a file behind; a device such as /dev/stderr is written in place.
class RejectFile {
public:
    explicit RejectFile(const std::string& path) : m_file(path) {}
    void write(std::string_view raw) {
        m_buffer.append(raw);
        if (!raw.empty() && raw.back() != '\n') m_buffer += '\n';
        if (m_buffer.size() >= k_flush_at) flush();
    }
    void commit() {
        flush();
        m_file.commit();
    }

private:
    static constexpr std::size_t k_flush_at = 64 * 1024;
    void flush() {
        m_file.write(m_buffer);
        m_buffer.clear();
    }
    AtomicFile m_file;
    std::string m_buffer;
};

class CliObserver final : public ImportObserver {
public:
    CliObserver(std::string source, RejectFile* rejects, std::uint64_t total_bytes)
        : m_source(std::move(source)), m_rejects(rejects), m_total(total_bytes), m_tty(::isatty(STDERR_FILENO)) {}

    void header(std::string_view raw) override {
        if (m_rejects) m_rejects->write(raw);
    }
    void rejected(std::int64_t line, std::string_view column, std::string_view problem, std::string_view raw) override {
        clear_bar();
        std::cerr << sanitize_for_terminal(m_source) << ':' << line << ": " << sanitize_for_terminal(column) << ": "
                  << sanitize_for_terminal(problem) << '\n';
        if (m_rejects) m_rejects->write(raw);
    }
    void progress(const ImportCounts& counts, std::uint64_t bytes) override {
        if (!m_tty) return;
        auto now = Clock::now();
        if (now - m_last < std::chrono::milliseconds(100)) return;
        m_last = now;
        std::string bar;
        if (m_total > 0) {
            auto done = static_cast<int>(30 * std::min<std::uint64_t>(bytes, m_total) / m_total);
            bar = fmt::format("[{}{}] {:3}% ", std::string(static_cast<size_t>(done), '#'),
                              std::string(static_cast<size_t>(30 - done), '.'), 100 * bytes / m_total);
        }
        std::cerr << '\r' << bar << counts.read << ' ' << _("rows") << std::flush;
        m_drawn = true;
    }
    void clear_bar() {
        if (m_drawn) std::cerr << "\r\033[K";
        m_drawn = false;
    }

private:
    std::string m_source;
    RejectFile* m_rejects;
    std::uint64_t m_total;
    bool m_tty;
    bool m_drawn = false;
    Clock::time_point m_last{};
};

std::optional<std::string> format_from_name(const std::string& file) {
    auto ext = std::filesystem::path(file).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
    if (ext == ".csv") return "csv";
    return std::nullopt;
}

void run_import(App& app, const ImportOptions& o) {
    auto start = Clock::now();
    auto& ctx = app.context();
    ImportRequest request;
    request.profile = o.profile;
    request.dry_run = o.dry_run;
    request.skip_invalid = o.skip_invalid;
    int fd = STDIN_FILENO;
    std::uint64_t total = 0;
    request.encoding = o.encoding;
    if (o.file == "-") {
        request.source = "<stdin>";
        request.format = o.input_format;
    } else {
        request.source = o.file;
        request.format = o.input_format ? o.input_format : format_from_name(o.file);
        fd = ::open(o.file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) fail(Code::invalid, "cannot open {}: {}", o.file, std::strerror(errno));
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) total = static_cast<std::uint64_t>(st.st_size);
    }
    struct CloseFd {
        int fd;
        ~CloseFd() {
            if (fd != STDIN_FILENO) ::close(fd);
        }
    } close_fd{fd};
    request.fd = fd;

    std::optional<RejectFile> rejects;
    if (o.reject_file) rejects.emplace(*o.reject_file);
    CliObserver observer(request.source, rejects ? &*rejects : nullptr, total);
    ImportOutcome outcome;
    import_tickets(ctx, request, observer, outcome);
    observer.clear_bar();
    if (rejects) rejects->commit();

    const auto& c = outcome.counts;
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    bool failed = c.rejected > 0 && !o.skip_invalid;
    std::int64_t imported = failed ? 0 : c.imported;
    // "svcdesk: import" stays as it is, like the "svcdesk: error:" prefix.
    const char* nothing = failed ? _(" (nothing written)") : "";
    std::cerr << "svcdesk: import" << (o.dry_run ? _(" (dry run)") : "") << ": "
              << (o.dry_run ? format_message("read {}, would import {}, already present {}, rejected {}, {:.2f} s{}", c.read,
                                             imported, c.present, c.rejected, seconds, nothing)
                            : format_message("read {}, imported {}, already present {}, rejected {}, {:.2f} s{}", c.read,
                                             imported, c.present, c.rejected, seconds, nothing))
              << '\n';
    if (app.options.format && app.format({"table", "json"}) == "json") {
        Json summary = {{"read", c.read},         {"imported", imported},  {"already_present", c.present},
                        {"rejected", c.rejected}, {"dry_run", o.dry_run},  {"written", outcome.written},
                        {"seconds", seconds}};
        std::cout << summary.dump(2) << '\n';
    }
    std::string where = o.reject_file ? format_message("; they are in {}", *o.reject_file) : "";
    if (failed) {
        fail(Code::invalid, "{} invalid row(s) in {}; nothing imported (fix them, or use --skip-invalid{})", c.rejected,
             request.source, o.reject_file ? "" : " --reject-file FILE");
    }
    if (c.rejected > 0) fail(Code::refused, "{} invalid row(s) skipped{}", c.rejected, where);
}

} // namespace

void register_import_commands(CLI::App& cli, App& app) {
    auto o = make_options<ImportOptions>();
    auto* cmd = cli.add_subcommand("import", "Import call logs (CSV or JSON Lines) through a profile of the config");
    cmd->footer("Example: svcdesk --as boss import calls.csv --profile la311 --dry-run");
    app.values(cmd->add_option("file", o->file, "Input file, or - for standard input"),
               k_file_values)
        ->required();
    app.values(cmd->add_option("--input-format", o->input_format,
                               "csv or jsonl (default: from the file's extension, else the profile's, else csv)"),
               words({"csv", "jsonl"}))
        ->check(CLI::IsMember({"csv", "jsonl"}));
    cmd->add_option("--encoding", o->encoding,
                    "Encoding of the file: UTF-8 (default; a UTF-16 byte order mark is recognised), GB18030, GBK, "
                    "UTF-16 or any name iconv -l lists");
    app.values(cmd->add_option("--profile", o->profile,
                               "Import profile ([import.profiles.NAME] in the config)"),
               "profile")
        ->required();
    cmd->add_flag("--dry-run", o->dry_run, "Validate and count everything, write nothing");
    cmd->add_flag("--skip-invalid", o->skip_invalid, "Import the valid rows even if some are invalid (exit 4)");
    app.values(cmd->add_option("--reject-file", o->reject_file,
                               "Write invalid rows verbatim to FILE (after the CSV header)"),
               k_file_values);
    // The import runs its own transactions: the load is prepared before the one write and undone
    // after it (ops/import.hpp).
    app.command(cmd, {Access::own, Actor::staff}, [&app, o] { run_import(app, *o); });
}

} // namespace svcdesk::cli
