# maqal — `make demo` builds and serves the seed article; `make test` runs every test.
# Every target installs what it needs when it is missing, so a fresh Debian machine needs nothing else.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CARGO_TERM_COLOR := never

VERSION       := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
TRUNK_VERSION := 0.21.14
GECKO_VERSION := 0.37.1
# cargo's geckodriver, by path: webdriverio's npm dependency `geckodriver` puts a wrapper of the
# same name first on PATH (node_modules/.bin), which downloads a driver from GitHub at startup.
GECKODRIVER   := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin/geckodriver
WASM_TARGET   := wasm32-unknown-unknown
TWIGGY_VERSION := 0.8.0
# The CLI must match the crate in Cargo.lock exactly, or the generated glue does not fit.
WBG_VERSION    = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
APT_STAMP     := target/.apt-updated

.PHONY: help demo build package test bench lint cli server-pkg demo-ssr test-host test-browser test-chromium test-firefox test-webkit \
        test-e2e test-e2e-chromium test-e2e-firefox test-e2e-webkit test-size size-baseline alloc-compare size-floor pkg dist tools tools-build tools-browsers tools-all-browsers clean \
        tools-fuzz fuzz-build fuzz test-fuzz tools-bundlers bundles trap-hunt

help:
	@echo "make demo     build and serve the seed article on http://127.0.0.1:8080"
	@echo "make test     lint, host tests, browser tests (Chromium, Firefox, WebKit), end-to-end, size budget"
	@echo "make build    release builds of dist/ (demo site) and pkg/ (npm package)"
	@echo "make package  make build, then npm pack into target/maqal-$(VERSION).tgz"
	@echo "make bench    sizes and timings against a plain-JS baseline"
	@echo "make size-floor  what the smallest Yew page weighs, built as pkg/ is"
	@echo "make fuzz     the loaders, link cleaning and renderer under libFuzzer (FUZZ_RUNS inputs per target)"
	@echo "make trap-hunt  count the WebKitGTK wasm trap (HUNT_MINUTES, HUNT_BROWSERS); not in make test"

# ---------------------------------------------------------------- tools (installed only if missing)

$(APT_STAMP):
	mkdir -p target && apt-get update -qq && touch $@

define apt_need
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing"; \
	  [ -f $(APT_STAMP) ] || { mkdir -p target; apt-get update -qq; touch $(APT_STAMP); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

tools-build:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
	@[ -f Cargo.lock ] || cargo generate-lockfile
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WBG_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WBG_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WBG_VERSION) --force; fi
	@[ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/terser ] && [ -d node_modules/playwright-core ] \
	  && [ -d node_modules/puppeteer-core ] && [ -d node_modules/webdriverio ] || npm ci --no-audit --no-fund
	$(call apt_need,brotli)
	@if [ "$$(twiggy --version 2>/dev/null)" != "twiggy $(TWIGGY_VERSION)" ]; then \
	  echo "installing twiggy $(TWIGGY_VERSION) (the size check's list of what grew)"; \
	  cargo install twiggy --version $(TWIGGY_VERSION) --locked; fi

tools-browsers:
	$(call apt_need,chromium chromium-driver)

tools-all-browsers: tools-browsers
	$(call apt_need,firefox-esr webkit2gtk-driver xvfb xauth)
	@if [ "$$($(GECKODRIVER) --version 2>/dev/null | head -n 1 | cut -d' ' -f2)" != "$(GECKO_VERSION)" ]; then \
	  echo "installing geckodriver $(GECKO_VERSION)"; cargo install geckodriver --version $(GECKO_VERSION); fi

tools-trunk:
	@if ! trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)"; then \
	  echo "installing trunk $(TRUNK_VERSION) (a few minutes, once)"; \
	  cargo install trunk --version $(TRUNK_VERSION) --locked; fi

tools: tools-build tools-trunk tools-all-browsers

# ---------------------------------------------------------------- builds

# pkg/: the npm package — the release wasm, its wasm-bindgen glue, the hand-written entries.
# The standard library is rebuilt with panics that abort at once (no panic formatting machinery):
# 9 KB less brotli. That needs RUSTC_BOOTSTRAP on this stable toolchain; it touches only this build.
# std's optimize_for_size, no panic locations and empty Debug output (nothing shown to readers is
# Debug-formatted) take 1.1 KB more. wasm-opt's --low-memory-unused (0.45 KB) assumes nothing
# lives in the first KB of memory: Rust's wasm puts its 1 MB stack there, growing down towards
# address 0, so only a stack a KB from overflowing would reach it. A --gufa pass (binaryen's
# whole-program flow analysis: values and types that can reach each place) between two -Oz runs
# gives 0.13 KB brotli, for one flag.
PKG_TARGET_DIR := target/pkg-build
WASM_FEATURES  := --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue
WASM_OPT_FLAGS := -Oz --gufa -Oz --converge --low-memory-unused $(WASM_FEATURES) --strip-debug --strip-producers
SIZE_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort --cfg maqal_immediate_abort -Zlocation-detail=none -Zfmt-debug=none
PKG_RUSTFLAGS := $(SIZE_RUSTFLAGS)
# The npm build's allocator: talc (element/Cargo.toml, feature `talc`), a maintained one, 0.25 KB
# brotli over the hand-written allocator it replaced and 1.8 KB under dlmalloc (`make alloc-compare`).
PKG_FEATURES  := --features maqal-element/talc

# One wasm of the element crate, built as the package ships it, into target/bindgen/<name>/:
# $(1) the name (its files: $(1)_glue.js, $(1)_bg.wasm), $(2) cargo's feature flags; $(3) and $(4)
# other RUSTFLAGS and target directory than the package's (`make alloc-compare`).
# Two builds (README, "Two builds"): `maqal`, the full one, and `maqal_live`, which only brings
# server-rendered articles to life (no default features: no client drawing).
# Beside the shipped wasm, the same wasm with its function names (`<name>.names.wasm`, for the
# size check's list of what grew; names change no code).
define element_wasm
	RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(or $(3),$(PKG_RUSTFLAGS))" \
	  cargo build --release -p maqal-element $(2) --target $(WASM_TARGET) --target-dir $(or $(4),$(PKG_TARGET_DIR)) \
	  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
	rm -rf target/bindgen/$(1) && wasm-bindgen --target web --no-typescript --out-dir target/bindgen/$(1) --out-name $(1) \
	  $(or $(4),$(PKG_TARGET_DIR))/$(WASM_TARGET)/release/maqal_element.wasm
	wasm-opt $(WASM_OPT_FLAGS) target/bindgen/$(1)/$(1)_bg.wasm -o target/bindgen/$(1)/$(1)_bg.opt.wasm
	wasm-opt $(filter-out --strip-debug,$(WASM_OPT_FLAGS)) --debuginfo target/bindgen/$(1)/$(1)_bg.wasm \
	  -o target/bindgen/$(1)/$(1).names.wasm
	@# Short import, export and module names in the wasm and its glue alike: 2 KB brotli of
	@# wasm-bindgen's hashed names (tools/short-names.mjs).
	wasm-opt --minify-imports-and-exports-and-modules $(WASM_FEATURES) --strip-debug --strip-producers \
	  target/bindgen/$(1)/$(1)_bg.opt.wasm -o target/bindgen/$(1)/$(1)_bg.short.wasm > target/bindgen/$(1)/names.json
	node tools/short-names.mjs target/bindgen/$(1)/names.json target/bindgen/$(1)/$(1)_bg.short.wasm \
	  target/bindgen/$(1)/$(1).js target/bindgen/$(1)/$(1).short.js
endef

pkg: tools-build
	$(call element_wasm,maqal,$(PKG_FEATURES))
	$(call element_wasm,maqal_live,--no-default-features $(PKG_FEATURES))
	rm -rf target/pkg.next && mkdir target/pkg.next
	for b in maqal maqal_live; do \
	  terser target/bindgen/$$b/$$b.short.js --module --compress --mangle --output target/pkg.next/$${b}_glue.js; \
	  cp target/bindgen/$$b/$${b}_bg.short.wasm target/pkg.next/$${b}_bg.wasm; done
	for f in maqal.js api.js; do terser js/$$f --module --compress --mangle --output target/pkg.next/$$f; done
	cp js/maqal.d.ts js/element.d.ts js/react.d.ts README.md LICENSE target/pkg.next/
	sed 's/@VERSION@/$(VERSION)/' js/package.json > target/pkg.next/package.json
	$(MAKE) --no-print-directory server-pkg OUT=target/pkg.next/server
	rm -rf pkg && mv target/pkg.next pkg

# The full build with the other allocators measured against talc, the package's, weighed against
# pkg/'s (brotli, the wasm and its glue). Not in `make test`: three more builds, ~10 min.
ALLOC_TARGET_DIR := target/alloc-build
alloc-compare: pkg
	$(call element_wasm,maqal_dlmalloc,,$(SIZE_RUSTFLAGS),$(ALLOC_TARGET_DIR))
	$(call element_wasm,maqal_lol_alloc,--features lol_alloc,$(SIZE_RUSTFLAGS),$(ALLOC_TARGET_DIR))
	node tools/alloc-compare.mjs

# pkg/server/: `maqal/server` for Node, the renderer's crate built for wasm32. Readers never fetch
# it, so it is built plainly (no std rebuild).
server-pkg: tools-build
	cargo build --release -p maqal-server --target $(WASM_TARGET)
	rm -rf target/bindgen-server && wasm-bindgen --target web --no-typescript --out-dir target/bindgen-server \
	  --out-name maqal_server target/$(WASM_TARGET)/release/maqal_server.wasm
	mkdir -p $(OUT)
	wasm-opt $(WASM_OPT_FLAGS) target/bindgen-server/maqal_server_bg.wasm -o $(OUT)/maqal_server_bg.wasm
	cp target/bindgen-server/maqal_server.js js/server/index.js js/server/index.d.ts $(OUT)/

# target/release/maqal: the command line renderer (`cargo install --path cli` installs it).
cli:
	cargo build --release -p maqal-cli

# dist/: the demo site, assembled by Trunk from index.html, pkg/ and demo/; then the same seed
# article rendered by the command line into dist/demo/ssr/ (the server-rendered page).
dist: pkg demo-ssr tools-trunk
	trunk build --release

# The server-rendered page, which Trunk copies to dist/demo/ssr/ (so `trunk serve` keeps it too).
demo-ssr: cli
	mkdir -p target/demo-ssr
	target/release/maqal render --share-url http://127.0.0.1:8080/demo/ssr/ demo/articles/seed.json > target/seed.fragment.html
	sed -e '/@FRAGMENT@/{r target/seed.fragment.html' -e 'd}' demo/ssr.html > target/demo-ssr/index.html

build: dist

package: build
	mkdir -p target
	cd pkg && npm pack --pack-destination ../target >/dev/null
	@echo "target/maqal-$(VERSION).tgz"

# What the smallest Yew page (bench/yew-floor) weighs when built exactly as pkg/ is: the floor
# under the size budget (docs/CONTRACT.md §5); then the live-controls build without its controls.
# Not part of `make test`; it rebuilds std twice (~3 min).
FLOOR := target/yew-floor
size-floor: tools-build
	cd bench/yew-floor && RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(PKG_RUSTFLAGS)" \
	  cargo build --release --target $(WASM_TARGET) --target-dir ../../$(FLOOR) \
	  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
	rm -rf $(FLOOR)/out && wasm-bindgen --target web --no-typescript --out-dir $(FLOOR)/out --out-name floor \
	  $(FLOOR)/$(WASM_TARGET)/release/yew_floor.wasm
	wasm-opt $(WASM_OPT_FLAGS) $(FLOOR)/out/floor_bg.wasm -o $(FLOOR)/out/floor_bg.opt.wasm
	terser $(FLOOR)/out/floor.js --module --compress --mangle --output $(FLOOR)/out/floor.min.js
	@for f in floor_bg.opt.wasm floor.min.js; do \
	  printf '%-18s %7d raw %7d gzip -9 %7d brotli -q 11\n' $$f $$(wc -c < $(FLOOR)/out/$$f) \
	    $$(gzip -9c $(FLOOR)/out/$$f | wc -c) $$(brotli -q 11 -c $(FLOOR)/out/$$f | wc -c); done
	@# The live-controls build with its controls left out (--cfg maqal_floor): what the host, the
	@# island reading and Yew's app machinery weigh before any control.
	$(call element_wasm,maqal_floor,--no-default-features $(PKG_FEATURES),$(PKG_RUSTFLAGS) --cfg maqal_floor,$(FLOOR)/live)
	terser target/bindgen/maqal_floor/maqal_floor.short.js --module --compress --mangle \
	  --output target/bindgen/maqal_floor/maqal_floor_glue.js
	@for f in maqal_floor_bg.short.wasm maqal_floor_glue.js; do \
	  printf '%-26s %7d raw %7d gzip -9 %7d brotli -q 11\n' $$f $$(wc -c < target/bindgen/maqal_floor/$$f) \
	    $$(gzip -9c target/bindgen/maqal_floor/$$f | wc -c) $$(brotli -q 11 -c target/bindgen/maqal_floor/$$f | wc -c); done

demo: build
	@echo "serving the seed article on http://127.0.0.1:8080 (client-rendered) and"
	@echo "http://127.0.0.1:8080/demo/ssr/ (server-rendered by target/release/maqal; Ctrl+C stops)"
	trunk serve --release --no-autoreload --address 127.0.0.1 --port 8080

# ---------------------------------------------------------------- tests

test: lint test-host test-fuzz test-browser package test-size bundles test-e2e

# The browser tests and the wasm lint run on the npm build's allocator (talc) too.

lint: tools-build
	cargo fmt --all --check
	cargo fmt --manifest-path fuzz/Cargo.toml --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy --target $(WASM_TARGET) $(PKG_FEATURES) -p maqal -p maqal-element -p maqal-server \
	  --all-targets -- -D warnings

test-host:
	cargo test -p maqal --all-features
	cargo test -p maqal-cli

test-browser: test-chromium test-firefox test-webkit

test-chromium: tools-build tools-browsers
	CHROMEDRIVER=$$(command -v chromedriver) cargo test -p maqal-element $(PKG_FEATURES) --target $(WASM_TARGET) --test browser

test-firefox: tools-build tools-all-browsers
	GECKODRIVER=$(GECKODRIVER) cargo test -p maqal-element $(PKG_FEATURES) --target $(WASM_TARGET) --test browser

test-webkit: tools-build tools-all-browsers
	SAFARIDRIVER=/usr/bin/WebKitWebDriver \
	  xvfb-run -a -s "-screen 0 1280x1024x24" cargo test -p maqal-element $(PKG_FEATURES) --target $(WASM_TARGET) --test browser

test-size: pkg
	node tests/size.mjs

# Writes tests/size-baseline.json anew from pkg/: commit it with the change it measures.
size-baseline: pkg
	node tests/size.mjs --update

# ---------------------------------------------------------------- bundlers (tests/bundlers/)

# Vite, webpack, Rollup, esbuild, React 19, Vue 3, Svelte 5 and TypeScript, pinned by
# tests/bundlers/package-lock.json.
# No install scripts: esbuild's only checks the binary that its platform package already holds.
# Installed again whenever the lock file is newer than the install (npm's own record of it).
tools-bundlers:
	@[ tests/bundlers/node_modules/.package-lock.json -nt tests/bundlers/package-lock.json ] \
	  || (cd tests/bundlers && npm ci --ignore-scripts --no-audit --no-fund)

# The packed tarball installed into tests/bundlers/ and imported through each bundler, into
# target/bundlers/ (tests/e2e/bundlers.test.mjs loads the pages); the types checked by tsc.
bundles: package tools-bundlers
	node tests/bundlers/build.mjs

# ---------------------------------------------------------------- fuzzing (fuzz/)

# The fuzz targets (fuzz/fuzz_targets/) under libFuzzer. cargo fuzz passes rustc flags that only a
# nightly accepts (coverage instrumentation); RUSTC_BOOTSTRAP lets the stable toolchain take them,
# for these builds only. No sanitizer: the code is safe Rust, and what is looked for is a panic, an
# overflow (debug assertions on), a hang (-timeout) or runaway memory (-rss_limit_mb); ASan would
# halve the speed to guard memory that the compiler already guards.
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_TARGETS       := native jsonld links render
FUZZ_ENV           := RUSTC_BOOTSTRAP=1
FUZZ               := $(FUZZ_ENV) cargo fuzz
FUZZ_FLAGS         := -O --debug-assertions --sanitizer none
FUZZ_OPTIONS       := -dict=fuzz/dict/article.dict -max_len=16384 -timeout=10 -rss_limit_mb=2048
# make fuzz: inputs per target (4 targets: a million in all); make test: a short run.
FUZZ_RUNS          ?= 250000
FUZZ_SHORT_RUNS    ?= 20000

tools-fuzz:
	@if [ "$$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $(CARGO_FUZZ_VERSION)" ]; then \
	  echo "installing cargo-fuzz $(CARGO_FUZZ_VERSION)"; cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked; fi

fuzz-build: tools-fuzz
	$(FUZZ) build $(FUZZ_FLAGS)

# The seeds and the reproducers of past crashes (fuzz/corpus/), then the same FUZZ_SHORT_RUNS
# mutations of them every time (a fixed -seed), into a scratch corpus. A failure prints the input.
test-fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf target/fuzz-short/$$t && mkdir -p target/fuzz-short/$$t; \
	  if ! $(FUZZ) run $(FUZZ_FLAGS) $$t target/fuzz-short/$$t fuzz/corpus/$$t -- $(FUZZ_OPTIONS) \
	      -runs=$(FUZZ_SHORT_RUNS) -seed=1 > target/fuzz-short/$$t.log 2>&1; then \
	    tail -n 80 target/fuzz-short/$$t.log; echo "fuzz target $$t failed (its log: target/fuzz-short/$$t.log)"; exit 1; fi; \
	  echo "fuzz $$t: $$(grep -o '^Done [0-9]* runs in [0-9]* second(s)' target/fuzz-short/$$t.log)"; \
	done

# Long: FUZZ_RUNS inputs per target, one process at a time, at low priority. What they find that
# is new stays in fuzz/grown/ (not committed) for the next run. A crash stops the run with its
# input in fuzz/artifacts/<target>/: shrink it (`cargo fuzz tmin`), fix it, and keep it in
# fuzz/corpus/<target>/ as regression-<what> so every short run replays it.
fuzz: fuzz-build
	@mkdir -p target/fuzz-long; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/grown/$$t; \
	  if ! $(FUZZ_ENV) nice cargo fuzz run $(FUZZ_FLAGS) $$t fuzz/grown/$$t fuzz/corpus/$$t -- $(FUZZ_OPTIONS) \
	      -runs=$(FUZZ_RUNS) -print_final_stats=1 > target/fuzz-long/$$t.log 2>&1; then \
	    tail -n 80 target/fuzz-long/$$t.log; echo "fuzz target $$t failed (its log: target/fuzz-long/$$t.log)"; exit 1; fi; \
	  echo "fuzz $$t: $$(grep -o '^Done [0-9]* runs in [0-9]* second(s)' target/fuzz-long/$$t.log)," \
	    "corpus $$(grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' target/fuzz-long/$$t.log | tail -n 1)"; \
	done

# The end-to-end suite in each engine (tests/e2e/engines.mjs): Chromium through playwright-core,
# Firefox ESR through puppeteer-core (WebDriver BiDi), WebKitGTK's MiniBrowser through webdriverio
# and WebKitWebDriver, which needs a display (Xvfb).
E2E := node tests/e2e/run.mjs

test-e2e: test-e2e-chromium test-e2e-firefox test-e2e-webkit

test-e2e-chromium: package bundles tools-build tools-browsers
	time MAQAL_ENGINE=chromium $(E2E)

test-e2e-firefox: package bundles tools-build tools-all-browsers
	time MAQAL_ENGINE=firefox $(E2E)

test-e2e-webkit: package bundles tools-build tools-all-browsers
	time MAQAL_ENGINE=webkit xvfb-run -a -s "-screen 0 1280x1024x24" $(E2E)

# Not in `make test`: loads the injection corpus's pages of 679 fetched widgets over and over and
# counts the WebKitGTK wasm trap (tests/e2e/trap-hunt.mjs; HUNT_MINUTES, HUNT_BROWSERS).
trap-hunt: package tools-build tools-all-browsers
	xvfb-run -a -s "-screen 0 1280x1024x24" node tests/e2e/trap-hunt.mjs

bench: package tools-browsers
	node bench/run.mjs

clean:
	rm -rf target/bindgen dist pkg
