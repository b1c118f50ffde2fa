# Two commands do all set-up on a fresh Debian machine: `make demo` and `make test`.
BUILD    ?= build
JOBS     ?= 2
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=

.PHONY: all deps build test demo bench fuzz clean

all: build

deps:
	@bash scripts/deps.sh test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Three timed phases (scripts/test_all.sh): the build; the suite (the GCC tree: CLI scripts on
# SQLite, the PostgreSQL-specific scripts on a throw-away cluster); the clang ASan + UBSan tree
# in $(SAN_BUILD), running the unit tests, the repository suite, the CLI scripts that reach
# input parsing and failure paths, and each fuzz target for FUZZ_TEST_SECONDS (docs/testing.md:
# which script runs in which tree). Prints each phase's wall time and ends with `N passed, N failed`.
SAN_BUILD ?= build-san
FUZZ_TEST_SECONDS ?= 5
test:
	@BUILD_TYPE="$(BUILD_TYPE)" CMAKE_FLAGS="$(CMAKE_FLAGS)" bash scripts/test_all.sh $(BUILD) $(SAN_BUILD) $(JOBS) $(FUZZ_TEST_SECONDS)

demo: build
	bash scripts/demo.sh $(BUILD)

# Benchmarks: an optimised build of its own; a 1,000,000-row import next to sqlite3's, then the
# everyday commands on the resulting 1,000,000-ticket database; then PostgreSQL (bench/pg_bench.sh,
# a throw-away local cluster): a 1,000,000-row import next to psql's \copy, intake/assign/show next
# to `psql -c`, and 8 desks' latency with and without an import running (BENCH_ROWS, BENCH_RUNS,
# BENCH_DESKS, BENCH_SECONDS scale it down).
bench:
	@bash scripts/deps.sh bench
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSVCDESK_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-bench -j $(JOBS) --target svcdesk
	bash bench/import_bench.sh build-bench
	bash bench/ops_bench.sh build-bench
	bash bench/pg_bench.sh build-bench

# libFuzzer targets (fuzz/), built in the sanitizer tree (clang, ASan + UBSan); each runs
# FUZZ_SECONDS (default 60).
FUZZ_SECONDS ?= 60
fuzz:
	@bash scripts/deps.sh fuzz
	CMAKE_FLAGS="$(CMAKE_FLAGS)" bash scripts/test_sanitized.sh $(SAN_BUILD) $(JOBS) $(FUZZ_SECONDS) --fuzz-only

clean:
	rm -rf $(BUILD) $(SAN_BUILD)

# ------------ install and package (issue 11)
PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: install package package-test

# SETGID=1: the shared-desk set-up of docs/deployment.md (as root): a system group svcdesk, the
# binary setgid svcdesk, and /var/lib/svcdesk owned by it (mode 2770), so that staff reach the
# database only through svcdesk.
SETGID ?= 0
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"
	@if [ "$(SETGID)" = 1 ]; then \
	  getent group svcdesk >/dev/null || groupadd --system svcdesk; \
	  chgrp svcdesk "$(DESTDIR)$(PREFIX)/bin/svcdesk" && chmod 2755 "$(DESTDIR)$(PREFIX)/bin/svcdesk"; \
	  install -d -o root -g svcdesk -m 2770 "$(DESTDIR)/var/lib/svcdesk"; \
	  echo "svcdesk is setgid svcdesk; put [database] path = \"/var/lib/svcdesk/svcdesk.db\" in /etc/svcdesk/config.toml"; \
	fi

# A .deb in $(BUILD) (CPack; Depends from dpkg-shlibdeps); tests need not be built for it.
package: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target svcdesk svcdesk_completions
	cd $(BUILD) && cpack -G DEB

# Installs the .deb with dpkg (root), runs it, purges it (tests/pkg/test_deb.sh).
package-test: package
	bash tests/pkg/test_deb.sh $(BUILD)
