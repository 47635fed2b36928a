# stdkit — build, test, demo, install.
#   make            libstdkit.a and the tools
#   make check      installs missing Debian packages, builds, runs every test
#   make demo       installs, builds, runs the tools on standards/ into out/
#   make asan       the whole check suite under ASan + UBSan
#   make valgrind   end-to-end tests under valgrind
#   make fuzz       libFuzzer targets for FUZZ_SECONDS each
#   make install    PREFIX=/usr/local DESTDIR=   (make uninstall with the same)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
SAN     ?=

PKGS    := libcmark-gfm yaml-0.1 zlib libutf8proc libqrencode freexl
# libxml2 is compiled against but not linked: lib/base/libxml.c loads it when it is
# first used (with ICU behind it, it cost every start 1.3 ms). libzip only for the
# tests and fuzz targets that build hostile archives: the tools read ZIP themselves
# (lib/base/zip.c; libzip loads libcrypto at start-up). The tests link both.
TEST_LIBS := $(shell pkg-config --libs libzip libxml-2.0 2>/dev/null)
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -Ilib -I$(BUILD) \
           $(shell pkg-config --cflags $(PKGS) libxml-2.0 2>/dev/null) $(SAN)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lcsv -lm -pthread
LDFLAGS += $(SAN)

LIB_SRC := $(sort $(wildcard lib/*/*.c))
LIB_HDR := $(wildcard lib/*/*.h) lib/diag/codes.def
LIB_OBJ := $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIB_SRC))
TOOLS   := stdcheck stdgen stdform stddiff stdimport stdlsp stdnew stdcomment
BIN     := $(foreach t,$(TOOLS),$(if $(wildcard cmd/$(t).c),$(BUILD)/$(t)))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRC))
REPLAY_BIN := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/tests/replay_fuzz_%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 60
TEMPLATES := $(sort $(wildcard templates/docx/*.xml templates/docx/*/*.xml templates/odt/*.xml templates/odt/*/*.xml templates/*.py templates/*.conf templates/forms/*.md))

.PHONY: all check check-unit check-cases check-e2e check-bad demo asan valgrind fuzz install uninstall clean deps tools

all: $(BIN) $(BUILD)/libstdkit.a
	@if [ "$(BUILD)" = build ]; then for t in $(notdir $(BIN)); do ln -sf build/$$t $$t; done; fi

deps:
	@scripts/install-deps

$(BUILD)/lib $(BUILD)/tests $(BUILD)/cmd:
	@mkdir -p $@

# templates/ are kept as real files and embedded at build time
$(BUILD)/embed: scripts/embed.c | $(BUILD)/lib
	$(CC) -std=c11 -O2 -o $@ $<
$(BUILD)/templates.c: $(BUILD)/embed $(TEMPLATES)
	$(BUILD)/embed $@ $(TEMPLATES)
$(BUILD)/lib/base/templates.o: $(BUILD)/templates.c | $(BUILD)/lib
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/lib/%.o: lib/%.c $(LIB_HDR) | $(BUILD)/lib
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libstdkit.a: $(LIB_OBJ) $(BUILD)/lib/base/templates.o
	rm -f $@
	ar rcs $@ $^

$(BUILD)/cmd/%.o: cmd/%.c $(LIB_HDR) | $(BUILD)/cmd
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/%: $(BUILD)/cmd/%.o $(BUILD)/libstdkit.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/*.h $(BUILD)/libstdkit.a | $(BUILD)/tests
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(BUILD)/libstdkit.a $(LDFLAGS) $(LDLIBS) $(TEST_LIBS) -lcmocka

# the fuzz targets linked with a plain main that replays files (tests/run-regress)
$(BUILD)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libstdkit.a | $(BUILD)/tests
	$(CC) $(CFLAGS) -o $@ tests/fuzz/$*.c tests/fuzz/replay.c $(BUILD)/libstdkit.a $(LDFLAGS) $(LDLIBS) $(TEST_LIBS)

# ---- tests ----
# Each runner prints its summary line; tests/summary adds them up and fails on any failure.
check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(UNIT_BIN) $(REPLAY_BIN)
	@BUILD=$(BUILD) tests/run-all

check-unit: all $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run-unit
check-cases: all
	@BUILD=$(BUILD) tests/run-cases
check-e2e: all
	@BUILD=$(BUILD) tests/run-e2e
check-bad: all
	@BUILD=$(BUILD) tests/run-bad

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" all
	@$(MAKE) --no-print-directory BUILD=build-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  $(patsubst $(BUILD)/%,build-asan/%,$(UNIT_BIN) $(REPLAY_BIN))
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=1 \
	  BUILD=build-asan tests/run-all

valgrind: all
	@BUILD=$(BUILD) VALGRIND=1 tests/run-e2e

# libFuzzer targets (clang): the library built with fuzzer-no-link, each target linked with libFuzzer
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang OPT=-O1 SAN="$(FUZZ_SAN)" build-fuzz/libstdkit.a
	@for t in $(FUZZ_TARGETS); do \
	  clang -O1 -g -std=c11 -D_GNU_SOURCE -Ilib -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    $$(pkg-config --cflags $(PKGS) libxml-2.0) -o build-fuzz/$$t tests/fuzz/$$t.c build-fuzz/libstdkit.a $(LDLIBS) $(TEST_LIBS) || exit 1; \
	done
	@scripts/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

# the installed files, for install and uninstall alike
P := $(DESTDIR)$(PREFIX)
MAN1 := $(notdir $(wildcard docs/*.1))
MAN5 := $(notdir $(wildcard docs/*.5))
VERSION := $(shell sed -n 's/^#define STDKIT_VERSION "\(.*\)"/\1/p' lib/stdkit.h)

install: all
	install -d $(P)/bin $(P)/lib/pkgconfig $(P)/include $(P)/share/man/man1 $(P)/share/man/man5 \
	  $(P)/share/bash-completion/completions
	install -m 755 $(BIN) $(P)/bin/
	install -m 644 $(BUILD)/libstdkit.a $(P)/lib/
	install -m 644 lib/stdkit.h $(P)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' scripts/stdkit.pc.in > $(P)/lib/pkgconfig/stdkit.pc
	install -m 644 scripts/stdkit.bash-completion $(P)/share/bash-completion/completions/stdcheck
	ln -sf stdcheck $(P)/share/bash-completion/completions/stdgen
	ln -sf stdcheck $(P)/share/bash-completion/completions/stdform
	ln -sf stdcheck $(P)/share/bash-completion/completions/stddiff
	ln -sf stdcheck $(P)/share/bash-completion/completions/stdlsp
	ln -sf stdcheck $(P)/share/bash-completion/completions/stdnew
	ln -sf stdcheck $(P)/share/bash-completion/completions/stdimport
	ln -sf stdcheck $(P)/share/bash-completion/completions/stdcomment
	for m in $(MAN1); do install -m 644 docs/$$m $(P)/share/man/man1/; done
	for m in $(MAN5); do install -m 644 docs/$$m $(P)/share/man/man5/; done

uninstall:
	rm -f $(addprefix $(P)/bin/,$(TOOLS)) $(P)/lib/libstdkit.a $(P)/include/stdkit.h $(P)/lib/pkgconfig/stdkit.pc
	rm -f $(addprefix $(P)/share/bash-completion/completions/,$(TOOLS))
	rm -f $(addprefix $(P)/share/man/man1/,$(MAN1)) $(addprefix $(P)/share/man/man5/,$(MAN5))

clean:
	rm -rf build build-asan build-fuzz out $(TOOLS)
.SECONDARY:
