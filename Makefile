# perennial: build, test, benchmark, install.
#
#   make            build build/perennial
#   make test       unit and end-to-end tests, then all again under ASan+UBSan
#   make demo       check sample-notes/ with the built binary
#   make demo-network  three chapters made from sample-notes/, fetched, and
#                   their network's page of one week
#   make bench      time every command against its floor on 1,000, 10,000 and
#                   50,000 notes (under 15 minutes on 2 cores); QUICK=1: 10,000 only
#   make fuzz       each libFuzzer harness for FUZZ_SECONDS (clang; not in `make test`)
#   make test-valgrind  the end-to-end cases with the binary under valgrind
#   make install    PREFIX=/usr/local by default; DESTDIR stages it for a package
#   make uninstall  removes what make install put, with the same PREFIX and DESTDIR
#   make deb        the Debian package build/perennial_VERSION_ARCH.deb (contrib/debian/)
#   make unit       the unit tests alone, plain build (what the package build runs)
#
# Every target that needs the libraries first runs `make deps`, which
# installs the Debian packages pkg-config cannot find (a no-op when all are).
# DEPS=no skips it, as a package build does: its Build-Depends are there.
# CPPFLAGS and LDFLAGS are passed on (dpkg-buildflags' hardening).

PREFIX    ?= /usr/local
BUILD     ?= build
CC        ?= cc
CFLAGS    ?= -O2 -g
SANITIZE  ?=
QUICK     ?=
DEPS      ?= yes

PKGS      = libcmark yaml-0.1 libpcre2-8 jansson libgit2 sqlite3
TEST_PKGS = cmocka
# pkg-config name, Debian package; and tools the tests and demo use
# (cmark-gfm renders the Markdown pages as a git host does).
DEB_LIBS  = libcmark:libcmark-dev yaml-0.1:libyaml-dev libpcre2-8:libpcre2-dev \
            jansson:libjansson-dev libgit2:libgit2-dev \
            sqlite3:libsqlite3-dev cmocka:libcmocka-dev
DEB_TOOLS = pkg-config:pkg-config git:git python3:python3 /usr/bin/time:time \
            cmark-gfm:cmark-gfm
# What only the tests use: pages are measured in a real browser, the
# language server is driven by a real editor, and SARIF and Code Quality
# reports are validated against their schemas; the pre-commit framework
# runs .pre-commit-hooks.yaml, and tests/contrib/lint.sh lints contrib/;
# the shell completions are run in the shells they are for.
TEST_TOOLS = chromium:chromium nvim:neovim mandoc:mandoc man:man-db \
             jsonschema:python3-jsonschema pre-commit:pre-commit shellcheck:shellcheck \
             zsh:zsh fish:fish

VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
# Where perennial is documented: SARIF logs name it. Set it when packaging.
HOMEPAGE ?= https://git.example.org/perennial

# Recursive on purpose: pkg-config runs after `make deps` installed things.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS))
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS))

ifneq ($(SANITIZE),)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

ALL_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-DPERENNIAL_VERSION='"$(VERSION)"' -DPERENNIAL_HOMEPAGE='"$(HOMEPAGE)"' \
	-Isrc -Isrc/util $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) $(PKG_CFLAGS)

# The layers: src/cmd/ (the commands: options, terminal, printing), the
# domain modules flat in src/, and src/util/ (small helpers under them all).
CMD_SRC  = $(filter-out src/cmd/main.c,$(wildcard src/cmd/*.c))
LIB_SRC  = $(wildcard src/*.c src/util/*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/templates.o $(BUILD)/obj/rules.o
CMD_OBJ  = $(CMD_SRC:src/%.c=$(BUILD)/obj/%.o)
HEADERS  = $(wildcard src/*.h src/cmd/*.h src/util/*.h)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEMPLATES = $(sort $(wildcard templates/*))

.PHONY: all deps test suite-bins check-suite unit e2e demo demo-network bench install uninstall clean \
	fuzz fuzzers test-valgrind deb
.DEFAULT_GOAL := all

all: $(BUILD)/perennial

deps:
ifneq ($(DEPS),no)
	@tests/deps.sh --pc $(DEB_LIBS) --cmd $(DEB_TOOLS)
endif

$(BUILD)/obj/%.o: src/%.c $(HEADERS) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in templates, compiled in. The folder is a prerequisite too, so
# that adding or removing a template rebuilds the table.
$(BUILD)/templates.c: build-aux/gen-templates.sh templates $(TEMPLATES)
	@mkdir -p $(@D)
	sh build-aux/gen-templates.sh templates $@

# What each rule finds, in the words of README.md's table of rules.
$(BUILD)/rules.c: build-aux/gen-rules.sh README.md
	@mkdir -p $(@D)
	sh build-aux/gen-rules.sh README.md $@

# The sources the build generates compile as the others do.
$(BUILD)/obj/%.o: $(BUILD)/%.c $(HEADERS) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libperennial.a: $(LIB_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

$(BUILD)/libperennial-cmd.a: $(CMD_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

LIBS_BUILT = $(BUILD)/libperennial-cmd.a $(BUILD)/libperennial.a

$(BUILD)/perennial: $(BUILD)/obj/cmd/main.o $(LIBS_BUILT)
	$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -pthread -o $@ $(BUILD)/obj/cmd/main.o $(LIBS_BUILT) \
		$(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.c tests/unit/unit.h $(LIBS_BUILT) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) $(LDFLAGS) -Isrc/cmd -o $@ $< tests/unit/unit.c \
		$(LIBS_BUILT) $(PKG_LIBS) $(TEST_LIBS)

# The e2e runner's fixture commits, made in one process: a tool of the
# tests, built without sanitizers even for the sanitizer pass.
$(BUILD)/tests/mkrepo: tests/e2e/mkrepo.c | deps
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra -Werror $(CFLAGS) $(shell pkg-config --cflags libgit2) \
		-o $@ $< $(shell pkg-config --libs libgit2)

# What a pass of the suite runs, built in parallel.
suite-bins: $(BUILD)/perennial $(UNIT_BIN) $(BUILD)/tests/mkrepo

# The unit test programs of $(BUILD) (they need git), as many at once as
# make runs jobs; a failing one's output is shown. No file is made: each
# always runs.
unit: $(UNIT_BIN:%=%.run)
	@echo "$(words $(UNIT_BIN)) unit test programs passed"

$(BUILD)/tests/%.run: $(BUILD)/tests/%
	@$< >$<.log 2>&1 || { cat $<.log; echo "$< failed"; exit 1; }

# One pass of the whole suite over the binaries in $(BUILD).
check-suite: suite-bins
	@tests/run-suite.sh $(BUILD) $(COUNTS)

# Both passes always run; the last line is the sum: `N passed, N failed`.
# Each builds with every core, then runs its programs and cases side by side.
# The sanitizer build is -O1 with line tables only, as the ASan docs advise:
# it compiles in two thirds of the time and runs the suite as fast.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAN_CFLAGS ?= -O1 -g1
test: deps
	@tests/deps.sh --cmd $(TEST_TOOLS)
	@mkdir -p build && : >build/test-counts; \
	 $(MAKE) -s --no-print-directory -j$(JOBS) check-suite BUILD=build COUNTS=build/test-counts \
		|| echo "0 1 build or suite (plain)" >>build/test-counts; \
	 $(MAKE) -s --no-print-directory -j$(JOBS) check-suite BUILD=build/asan SANITIZE=1 \
		CFLAGS="$(SAN_CFLAGS)" COUNTS=build/test-counts \
		|| echo "0 1 build or suite (asan+ubsan)" >>build/test-counts; \
	 tests/contrib/lint.sh build build/test-counts; \
	 tests/summary.sh build/test-counts

# The fuzzers: the library built again by clang, instrumented for libFuzzer
# and the sanitizers, in build/fuzz/; each harness then runs FUZZ_SECONDS.
FUZZ_SECONDS ?= 10
FUZZERS = fuzz_note fuzz_config fuzz_mustache fuzz_search_query fuzz_steps fuzz_lsp_frame
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz: deps
	@tests/deps.sh --cmd clang:clang
	@$(MAKE) -s --no-print-directory -j$(JOBS) fuzzers BUILD=build/fuzz CC=clang \
		CFLAGS="$(FUZZ_CFLAGS)"
	@tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZERS)

fuzzers: $(FUZZERS:%=$(BUILD)/%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/fuzz.h $(BUILD)/libperennial.a | deps
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< tests/fuzz/fuzz.c \
		$(BUILD)/libperennial.a $(PKG_LIBS)

# The end-to-end cases with every run of the binary under valgrind.
test-valgrind: deps
	@tests/deps.sh --cmd valgrind:valgrind
	@$(MAKE) -s --no-print-directory -j$(JOBS) $(BUILD)/perennial $(BUILD)/tests/mkrepo
	@tests/valgrind/run.sh $(BUILD)

demo: $(BUILD)/perennial
	@tests/demo.sh $(BUILD)/perennial $(BUILD)/demo

demo-network: $(BUILD)/perennial
	@tests/demo-network.sh $(BUILD)/perennial $(BUILD)/demo-network

bench: $(BUILD)/perennial
	@tests/bench/bench.py $(BUILD)/perennial $(if $(filter-out 0,$(QUICK)),--tiers 10000)

# Where install puts things, as the GNU Coding Standards name them. The
# built-in templates go beside the man pages for people to copy from. A shell
# completion goes to its shell's place when contrib/completions/ has it
# (FILE:PLACE under DATADIR); uninstall removes it either way.
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
TEMPLATEDIR = $(DATADIR)/perennial/templates
COMPLETIONS = perennial.bash:bash-completion/completions/perennial \
	      _perennial:zsh/site-functions/_perennial \
	      perennial.fish:fish/vendor_completions.d/perennial.fish

install: $(BUILD)/perennial
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(TEMPLATEDIR)
	install -m 755 $(BUILD)/perennial $(DESTDIR)$(BINDIR)/perennial
	install -m 644 contrib/man/perennial.1 $(DESTDIR)$(MANDIR)/man1/perennial.1
	install -m 644 contrib/man/perennial.yml.5 $(DESTDIR)$(MANDIR)/man5/perennial.yml.5
	install -m 644 $(TEMPLATES) $(DESTDIR)$(TEMPLATEDIR)/
	@for pair in $(COMPLETIONS); do \
		from=contrib/completions/$${pair%%:*}; to=$(DESTDIR)$(DATADIR)/$${pair#*:}; \
		test -f "$$from" || continue; \
		echo "install -m 644 $$from $$to"; \
		install -d "$${to%/*}" && install -m 644 "$$from" "$$to" || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/perennial $(DESTDIR)$(MANDIR)/man1/perennial.1 \
		$(DESTDIR)$(MANDIR)/man5/perennial.yml.5 \
		$(addprefix $(DESTDIR)$(TEMPLATEDIR)/,$(notdir $(TEMPLATES))) \
		$(foreach pair,$(COMPLETIONS),$(DESTDIR)$(DATADIR)/$(lastword $(subst :, ,$(pair))))
	@rmdir $(DESTDIR)$(TEMPLATEDIR) $(DESTDIR)$(DATADIR)/perennial 2>/dev/null || true

# The Debian package: build-aux/deb.sh builds it with dpkg-buildpackage from a
# copy of the tree in build/deb/ (contrib/debian/ as its debian/) and leaves
# build/perennial_$(VERSION)_ARCH.deb; lintian then must find no error in it.
PACKAGING = dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot lintian:lintian \
	/usr/share/build-essential/essential-packages-list:build-essential
deb: deps
	@tests/deps.sh --cmd $(PACKAGING)
	@build-aux/deb.sh build
	lintian --info build/deb/perennial_$(VERSION)_*.changes

clean:
	rm -rf build build-test.log
