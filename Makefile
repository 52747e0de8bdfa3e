# Every target installs what it needs when it is missing and skips what is there.
# See README.md for what each one does.

SHELL := /bin/bash
CARGO ?= cargo
WASM_BINDGEN_VERSION := 0.2.130
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
FIREFOX ?= /usr/bin/firefox-esr
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: all demo test build bench eval fuzz tools-fuzz wasm tools tools-rust tools-wasm tools-browser tools-npm \
        tools-firefox test-rust test-unit test-wasm test-e2e lint-firefox test-firefox clean

all: build

## ---- tools -------------------------------------------------------------------------

tools: tools-rust tools-wasm tools-browser tools-npm

tools-rust:
	@command -v $(CARGO) >/dev/null || { echo "error: cargo not found; install Rust with rustup" >&2; exit 1; }

tools-wasm: tools-rust
	@rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@command -v wasm-pack >/dev/null || $(CARGO) install wasm-pack --locked
	@# wasm-bindgen-cli is installed by wasm-pack itself, at the version in Cargo.lock, into
	@# ~/.cache/.wasm-pack (`cargo install wasm-bindgen-cli --locked` fails to resolve for 0.2.130).

tools-browser:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

# Debian's Firefox ESR and geckodriver (crates.io) for tests/firefox/.
tools-firefox: tools-rust
	@if [ ! -x $(FIREFOX) ]; then \
	  (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr; \
	fi
	@command -v geckodriver >/dev/null || $(CARGO) install geckodriver --locked

# npm ci again only when package-lock.json says something else than at the last install
# (a digest, not file times: a fresh checkout's lock file is always newer, and `npm ci`
# empties node_modules first, even one shared with another checkout).
tools-npm:
	@lock=$$(sha256sum package-lock.json | cut -d' ' -f1); \
	if [ "$$(cat node_modules/.spoiler-shield-lock 2>/dev/null)" != "$$lock" ]; then \
	  npm ci --no-audit --no-fund && echo "$$lock" > node_modules/.spoiler-shield-lock; fi

## ---- core --------------------------------------------------------------------------

target/release/spoiler-shield: $(wildcard src/*.rs src/**/*.rs src/bin/spoiler-shield/*.rs shields/*.json) extension/content/block-rules.json Cargo.toml
	$(CARGO) build --release --bins

# The Wasm package the extension and the playground load: two modules from this crate,
# pkg/spoiler_shield* (the scan module every page loads) and pkg/spoiler_shield_authoring*
# (feature `authoring`: the options page's, which also drafts shields from a summary).
# Built without wasm-pack's own wasm-opt (Debian's is too old, see TOOLCHAIN notes) and
# optimised for size by binaryen from npm. Both are compiled at opt-level z with LLVM's
# inline threshold at 75 (z alone inlines almost nothing): measured on the scan module
# with 30 books, s made it 16 KB bigger than this and z alone built an Engine about
# 1.6 times as slowly (z: 120–130 ms, s and z+75: 75–90 ms for 30 books), and scanned
# about a quarter more slowly; z+75 builds and scans as fast as s did. Threshold 25 was
# 9 KB smaller but 1.5 times as slow to build, 100 and 150 bigger. Both modules share the
# flags, so cargo compiles their dependencies once. wasm-opt runs its passes until they
# stop paying (--converge, 250 B) and drops the producers and target-features sections
# (260 B), which only tools read. --low-memory-unused lets it fold a constant added to a
# pointer into the access's offset (2,086 B on the scan module): that changes nothing
# unless the sum wraps past 4 GiB into the first KiB, which Rust's layout never reaches
# (the stack is first and grows down from 1 MiB; data and heap lie above it).
# The crates' sources are named in the module by their path (panic locations, which
# panic=abort still keeps): the registry's directory is cut from them (880 B), so the
# module does not depend on whose home it was built in. Expanded when a module is built,
# by when cargo has made the registry's index directory (the last prefix that matches
# is the one used; the first covers a registry not fetched yet).
CARGO_HOME ?= $(HOME)/.cargo
WASM_RUSTFLAGS = -C llvm-args=-inline-threshold=75 --remap-path-prefix=$(CARGO_HOME)/registry/src= \
	$(foreach dir,$(wildcard $(CARGO_HOME)/registry/src/*),--remap-path-prefix=$(dir)=)
WASM_OPT_FLAGS := -Oz --converge --low-memory-unused --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types
# $(call wasm-module,OUT_DIR,OUT_NAME,CARGO_FLAGS)
wasm-module = CARGO_PROFILE_RELEASE_OPT_LEVEL=z CARGO_PROFILE_RELEASE_PANIC=abort RUSTFLAGS="$(WASM_RUSTFLAGS)" \
	  wasm-pack build --target web --release --no-opt --out-dir $(1) --out-name $(2) --no-pack \
	  -- --no-default-features $(3) && \
	wasm-opt $(WASM_OPT_FLAGS) $(1)/$(2)_bg.wasm -o $(1)/$(2)_bg.wasm

wasm: tools-wasm tools-npm
	$(call wasm-module,pkg,spoiler_shield,)
	$(call wasm-module,target/pkg-authoring,spoiler_shield_authoring,--features authoring)
	cp target/pkg-authoring/spoiler_shield_authoring.js target/pkg-authoring/spoiler_shield_authoring_bg.wasm pkg/
	node scripts/catalog-files.mjs pkg
	node scripts/prefilter-keys.mjs pkg
	cp data/english-words.tsv pkg/

# The --min-f1 gates are regression floors a few points under what each corpus measured
# when the floor was set (2026-12-05: seeds 1.000, tests/corpus/catalog 0.848; raised with
# spoiler zones and pronoun-told cues, 2026-12-05: tests/corpus/dev 0.777, tests/corpus/test
# 0.665), never a number to tune to.
# tests/corpus/test is held out: never tuned on.
SEEDS_MIN_F1 ?= 0.90
DEV_MIN_F1 ?= 0.74
TEST_MIN_F1 ?= 0.62
CATALOG_MIN_F1 ?= 0.80

eval: target/release/spoiler-shield
	target/release/spoiler-shield-eval --corpus $(or $(CORPUS),../shared/corpus/seeds.jsonl) --min-f1 $(SEEDS_MIN_F1)
	target/release/spoiler-shield-eval --corpus tests/fixtures/labelled
	@# The issue-13 corpus, each split on its own: dev/ is tuned on, test/ never is.
	target/release/spoiler-shield-eval --corpus tests/corpus/dev --min-f1 $(DEV_MIN_F1)
	target/release/spoiler-shield-eval --corpus tests/corpus/test --min-f1 $(TEST_MIN_F1)
	@# One page for each of the 30 books added since 2026-12-04 (18 then, 12 on 2026-12-05:
	@# F1 0.848 on the 18, 0.817 on all 30), by the hand that wrote their shields (so not a
	@# fair test of them; see tests/corpus/catalog/README.md).
	target/release/spoiler-shield-eval --corpus tests/corpus/catalog --min-f1 $(CATALOG_MIN_F1)
	@# Every premise sentence of every shield, at progress 0: none may blur.
	target/release/spoiler-shield-eval --premise-check
	@# The premise as people retell it (tests/fixtures/premise-paraphrases): how often it blurs; no gate.
	target/release/spoiler-shield-eval --corpus tests/fixtures/premise-paraphrases
	@# Shields drafted from our own plot summaries, alone, on pages written without seeing
	@# them (tests/fixtures/summary-pages) and on the seeds (Never Let Me Go).
	@mkdir -p target/drafts
	target/release/spoiler-shield shield-from-summary --title "The Great Gatsby" --author "F. Scott Fitzgerald" \
	  --id great-gatsby < tests/fixtures/summaries/great-gatsby.txt > target/drafts/great-gatsby.json
	target/release/spoiler-shield shield-from-summary --title "Jane Eyre" --author "Charlotte Brontë" \
	  < tests/fixtures/summaries/jane-eyre.txt > target/drafts/jane-eyre.json
	target/release/spoiler-shield shield-from-summary --title "Never Let Me Go" --author "Kazuo Ishiguro" \
	  < tests/fixtures/summaries/never-let-me-go.txt > target/drafts/never-let-me-go.json
	target/release/spoiler-shield-eval --corpus tests/fixtures/summary-pages/great-gatsby.jsonl \
	  --corpus tests/fixtures/summary-pages/jane-eyre.jsonl \
	  --shield target/drafts/great-gatsby.json --shield target/drafts/jane-eyre.json
	@# Shields drafted by shield-from-page from article-shaped pages (tests/fixtures/articles),
	@# on the same kind of pages about the three books, written without seeing the drafts.
	for book in great-gatsby jane-eyre and-then-there-were-none; do \
	  target/release/spoiler-shield shield-from-page --id $$book tests/fixtures/articles/$$book.html \
	    > target/drafts/page-$$book.json || exit 2; done
	target/release/spoiler-shield-eval --corpus tests/fixtures/summary-pages \
	  --shield target/drafts/page-great-gatsby.json --shield target/drafts/page-jane-eyre.json \
	  --shield target/drafts/page-and-then-there-were-none.json
	target/release/spoiler-shield-eval --corpus $(or $(CORPUS),../shared/corpus/seeds.jsonl) --shield target/drafts/never-let-me-go.json
	@# Shields drafted from our summaries of three dev books, alone, on those books' dev pages
	@# and the dev negative controls: where the drafter is tuned (tests/fixtures/dev-summaries).
	target/release/spoiler-shield shield-from-summary --title "Of Mice and Men" --author "John Steinbeck" \
	  --id of-mice-and-men < tests/fixtures/dev-summaries/of-mice-and-men.txt > target/drafts/dev-of-mice-and-men.json
	target/release/spoiler-shield shield-from-summary --title "Rebecca" --author "Daphne du Maurier" \
	  --id rebecca < tests/fixtures/dev-summaries/rebecca.txt > target/drafts/dev-rebecca.json
	target/release/spoiler-shield shield-from-summary --title "The Murder of Roger Ackroyd" --author "Agatha Christie" \
	  --id the-murder-of-roger-ackroyd < tests/fixtures/dev-summaries/the-murder-of-roger-ackroyd.txt \
	  > target/drafts/dev-the-murder-of-roger-ackroyd.json
	target/release/spoiler-shield-eval $(addprefix --corpus ,$(wildcard tests/corpus/dev/omam-dev-*.jsonl \
	  tests/corpus/dev/rebecca-dev-*.jsonl tests/corpus/dev/ackroyd-dev-*.jsonl tests/corpus/dev/neg-dev-*.jsonl)) \
	  --shield target/drafts/dev-of-mice-and-men.json --shield target/drafts/dev-rebecca.json \
	  --shield target/drafts/dev-the-murder-of-roger-ackroyd.json
	@# Shields drafted by shield-from-page from articles about six dev books outside the catalog,
	@# alone, on labelled pages about them and the dev negative controls: where the page drafter
	@# is tuned (tests/fixtures/dev-articles, dev-article-pages with its neg-dev-* precision traps: the
	@# same authors' other works); tests/fixtures/articles stays blind.
	for book in jurassic-park the-road gone-with-the-wind the-talented-mr-ripley the-picture-of-dorian-gray \
	  fahrenheit-451; do \
	  target/release/spoiler-shield shield-from-page --id $$book tests/fixtures/dev-articles/$$book.html \
	    > target/drafts/dev-page-$$book.json || exit 2; done
	target/release/spoiler-shield-eval $(addprefix --corpus ,$(wildcard tests/fixtures/dev-article-pages/*.jsonl \
	  tests/corpus/dev/neg-dev-*.jsonl)) \
	  --shield target/drafts/dev-page-jurassic-park.json --shield target/drafts/dev-page-the-road.json \
	  --shield target/drafts/dev-page-gone-with-the-wind.json \
	  --shield target/drafts/dev-page-the-talented-mr-ripley.json --shield target/drafts/dev-page-the-picture-of-dorian-gray.json \
	  --shield target/drafts/dev-page-fahrenheit-451.json
	@# Every premise sentence of every drafted shield above, at progress 0: none may blur.
	rm -rf target/drafts/premise && mkdir -p target/drafts/premise && cp shields/cues.json target/drafts/premise/
	for draft in great-gatsby jane-eyre never-let-me-go dev-of-mice-and-men dev-rebecca dev-the-murder-of-roger-ackroyd \
	  page-great-gatsby page-jane-eyre page-and-then-there-were-none \
	  dev-page-jurassic-park dev-page-the-road dev-page-gone-with-the-wind \
	  dev-page-the-talented-mr-ripley dev-page-the-picture-of-dorian-gray dev-page-fahrenheit-451; do \
	  sed '0,/"id": *"[^"]*"/s//"id": "'$$draft'"/' target/drafts/$$draft.json > target/drafts/premise/$$draft.json || exit 2; done
	target/release/spoiler-shield-eval --premise-check --shields target/drafts/premise

# Unit, integration, CLI, property and doc tests (not benches/: `make bench` runs those).
test-rust:
	$(CARGO) test --lib --bins --tests
	$(CARGO) test --doc

# The JavaScript unit tier: the extension's pure logic in Node (tests/unit/), checked
# against the built Wasm core where it must agree with it (the prefilter).
test-unit: wasm
	node --test tests/unit/

# The Wasm API in headless Chromium (tests/wasm.rs), with webdriver.json's Chromium flags.
test-wasm: tools-wasm tools-browser
	CHROMEDRIVER=$(CHROMEDRIVER) wasm-pack test --headless --chrome --release -- --no-default-features --test wasm

# Fuzzing (cargo-fuzz, libFuzzer) of normalisation + scan, shield parsing and summary
# drafting, FUZZ_SECONDS each. cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the
# machine's one stable toolchain accept them. Safe Rust only, so no sanitizer: a panic or
# a failed assertion is what a target finds. Inputs it finds are kept in fuzz/corpus/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := scan shield_json summary

tools-fuzz: tools-rust
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked

fuzz: tools-fuzz
	@mkdir -p $(addprefix fuzz/corpus/,$(FUZZ_TARGETS))
	@for target in $(FUZZ_TARGETS); do \
	  case $$target in shield_json) seeds=shields;; summary) seeds=tests/fixtures/summaries;; *) seeds=tests/fixtures/labelled;; esac; \
	  echo "== fuzz $$target ($(FUZZ_SECONDS) s, seeds from $$seeds)"; \
	  RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run --sanitizer none $$target fuzz/corpus/$$target $$seeds -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss|==|Done|SUMMARY|thread|panicked)|ERROR' ; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

## ---- the extension -----------------------------------------------------------------

# dist/chromium/ (load unpacked) and dist/spoiler-shield-chromium.zip.
build: wasm tools-npm
	node scripts/build-extension.mjs

# End-to-end tests: the built extension in headless Chromium against www/'s sample pages.
# One file at a time: each starts its own browser, and timings are part of what they check.
# block-rules.test.mjs compares the CLI's blocks with the content script's, so the CLI too.
test-e2e: build tools-browser target/release/spoiler-shield
	node --test --test-concurrency=1 tests/e2e/

# Mozilla's add-on linter on dist/firefox/: fails on errors, prints warnings.
lint-firefox: build
	web-ext lint --source-dir dist/firefox --no-input

# The core cases end to end in headless Firefox ESR: blur, reveal, a shield switched off.
test-firefox: build tools-firefox
	FIREFOX=$(FIREFOX) node --test --test-concurrency=1 tests/firefox/

# A sample review page with the Never Let Me Go shield on: dist/demo.png and what blurred.
demo: build tools-browser
	node scripts/demo.mjs

test: test-rust test-unit test-wasm test-e2e lint-firefox test-firefox

# Speed and size figures, printed and written to bench/results.json (native core, then
# the Wasm core against a RegExp, start-up, the content script on the sample pages, and
# time-to-blur of dynamic content, all in one headless Chromium run). Goals are reported
# in README's Performance section, never asserted.
bench: build tools-browser
	$(CARGO) bench --bench core -- bench/native.json
	node scripts/bench-browser.mjs --out bench/browser.json
	node -e 'const fs=require("fs");const r=f=>JSON.parse(fs.readFileSync(f,"utf8"));fs.writeFileSync("bench/results.json",JSON.stringify({date:new Date().toISOString(),native:r("bench/native.json"),browser:r("bench/browser.json")},null,2)+"\n")'
	@echo "figures written to bench/results.json"

clean:
	rm -rf target pkg dist
