#include <svcdesk/error.hpp>
#include <svcdesk/io/output_file.hpp>

#include <doctest/doctest.h>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace svcdesk;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "svcdesk-unit.XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string read_fd(int fd) {
    std::string out;
    char buf[256];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

} // namespace

TEST_CASE("AtomicFile: a regular file appears, mode 0600, only on commit") {
    TempDir dir;
    auto target = (dir.path / "out.txt").string();
    {
        AtomicFile file(target);
        file.write("half");
        CHECK(!fs::exists(target));
    } // no commit: nothing is left
    CHECK(dir.entries() == 0);
    AtomicFile file(target);
    file.write("all ");
    file.write("of it\n");
    file.commit();
    CHECK(slurp(target) == "all of it\n");
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(dir.entries() == 1);
}

TEST_CASE("AtomicFile: a missing folder is an internal error naming the file") {
    TempDir dir;
    auto target = (dir.path / "nope" / "out.txt").string();
    REQUIRE_THROWS_WITH(AtomicFile{target},
                        ("cannot write " + target + ": there is no folder " + (dir.path / "nope").string()).c_str());
    CHECK(!fs::exists(dir.path / "nope"));
}

TEST_CASE("AtomicFile: a symlink to a device is written through, never replaced") {
    TempDir dir;
    auto link = dir.path / "sink";
    fs::create_symlink("/dev/null", link);
    write_file_atomically(link.string(), "discarded");
    CHECK(fs::is_symlink(link));
    CHECK(dir.entries() == 1);
}

TEST_CASE("AtomicFile: /dev/fd/N writes to the descriptor the process holds") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    write_file_atomically("/dev/fd/" + std::to_string(fds[1]), "through the pipe\n");
    ::close(fds[1]);
    CHECK(read_fd(fds[0]) == "through the pipe\n");
    ::close(fds[0]);
}

TEST_CASE("AtomicFile: /dev/fd/N on a regular file continues at its offset (shell >> redirection)") {
    TempDir dir;
    auto path = dir.path / "log.txt";
    { std::ofstream(path) << "first\n"; }
    int fd = ::open(path.c_str(), O_WRONLY | O_APPEND);
    REQUIRE(fd >= 0);
    write_file_atomically("/dev/fd/" + std::to_string(fd), "second\n");
    ::close(fd);
    CHECK(slurp(path) == "first\nsecond\n");
}

TEST_CASE("AtomicFile: a regular file under /dev is replaced, not written over in place") {
    if (!fs::is_directory("/dev/shm")) return;
    std::string tmpl = "/dev/shm/svcdesk-unit.XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    REQUIRE(fd >= 0);
    REQUIRE(::write(fd, "a much longer old content\n", 26) == 26);
    ::close(fd);
    write_file_atomically(tmpl, "new\n");
    CHECK(slurp(tmpl) == "new\n");
    ::unlink(tmpl.c_str());
}
