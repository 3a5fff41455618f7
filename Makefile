# Thin entry points; CMake presets hold the real configuration (see CONTRIBUTING.md).
.PHONY: run test build setup bench lint format clean

JOBS ?= $(shell nproc)

setup:
	@scripts/setup.sh

build: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target chorus

# The main job: until the server exists, the agreement report on the bundled example.
run: build
	./build/release/chorus agreement examples/sentiment_votes.csv --pairwise \
		--gold examples/sentiment_gold.csv

test: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	ctest --preset release -j $(JOBS)
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

bench:
	scripts/setup.sh --bench
	cmake --preset bench >/dev/null
	cmake --build --preset bench -j $(JOBS)
	bench/run_all.sh

lint: build
	scripts/lint.sh

format:
	find src bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build
