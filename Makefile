# Thin entry points; CMake presets hold the real configuration (see CONTRIBUTING.md).
.PHONY: run test build setup web bench lint format clean

JOBS ?= $(shell nproc)

setup:
	@scripts/setup.sh

# The web app (web/dist), built before CMake configures so the binary embeds it
# (src/app/CMakeLists.txt); rebuilt only when a web source changed.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
	web/package.json web/package-lock.json web/vite.config.ts web/tsconfig.json

web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES) | setup
	npm --prefix web run build

build: setup web
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target chorus

# The main job: the server with the demo project, data in ./chorus-data (README.md).
run: build
	./build/release/chorus serve --demo

test: setup web
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
