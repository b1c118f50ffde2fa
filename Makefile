# Two commands do all set-up on a fresh Debian machine: `make demo` and `make test`.
BUILD    ?= build
JOBS     ?= 2
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=

.PHONY: all deps build test demo bench clean

all: build

deps:
	@bash scripts/deps.sh test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

demo: build
	bash scripts/demo.sh $(BUILD)

# Import benchmark (bench/import_bench.sh): an optimised build of its own, 1,000,000 rows.
bench:
	@bash scripts/deps.sh test
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSVCDESK_BUILD_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-bench -j $(JOBS) --target svcdesk
	bash bench/import_bench.sh build-bench

clean:
	rm -rf $(BUILD)
