# Portail Famille — build, run, test.
# Objects live in build/<mode>/; modes: release (default) and asan (ASan + UBSan).

CXX       ?= g++
MODE      ?= release
BUILD     := build/$(MODE)
DEBUG     ?= -g1
PKGS      := fcgi libctemplate libsodium libcurl openssl gdlib zlib pangocairo cairo
CXXFLAGS_COMMON := -std=c++20 -Wall -Wextra -Werror -Wno-deprecated-declarations -Isrc -MMD -MP \
                   $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lmysqlcppconn \
             -lboost_program_options -lpthread

# The ASan tree is built at -O0 with line tables only: sanitizers miss nothing at -O0 and
# the build is four to eight times faster than at -O1. Test sources need no optimisation.
ifeq ($(MODE),asan)
  CXXFLAGS := $(CXXFLAGS_COMMON) -O0 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined \
              -fno-sanitize-recover=undefined -DPORTAIL_TEST_HOOKS=1
  TEST_CXXFLAGS := $(CXXFLAGS)
  LDFLAGS  := -fsanitize=address,undefined
else
  # -g1: line tables and function names (backtraces, perf) without the variables' and the
  # inlined calls' debug information, which made a third of the release build's time.
  # `make DEBUG=-g` for a debugging or profiling session.
  CXXFLAGS := $(CXXFLAGS_COMMON) -O2 $(DEBUG)
  TEST_CXXFLAGS := $(CXXFLAGS_COMMON) -O0 -g1
  LDFLAGS  :=
endif

LIB_SRC   := $(shell find src -name '*.cpp' ! -name main.cpp ! -path 'src/payment/simulator/*' | sort)
SIM_SRC   := $(shell find src/payment/simulator -name '*.cpp' 2>/dev/null | sort)
SIM_OBJ   := $(SIM_SRC:%.cpp=$(BUILD)/%.o)
LIB_OBJ   := $(LIB_SRC:%.cpp=$(BUILD)/%.o) $(BUILD)/gen/common_passwords.o
UNIT_SRC  := $(shell find tests/unit -name '*.cpp' | sort)
UNIT_OBJ  := $(UNIT_SRC:%.cpp=$(BUILD)/%.o)
INTEG_SRC := $(shell find tests/integration -name '*.cpp' | sort)
INTEG_OBJ := $(INTEG_SRC:%.cpp=$(BUILD)/%.o)

.PHONY: all build build-asan deps run stop test test-long bench check-layers format clean asan fuzz fuzz-build
all build: $(BUILD)/portail $(BUILD)/unit_tests $(BUILD)/integration_tests $(BUILD)/hello_fcgi \
           $(BUILD)/payfip-sim

# The ASan tree needs only the workers and the unit tests: the integration client is the
# release one, pointed at ASan workers (STACK_MODE=asan).
build-asan: $(BUILD)/portail $(BUILD)/unit_tests

# Precompiled headers (src/precompiled.h, tests/precompiled.h: system headers only), one per
# tree and flag set since g++ takes a .gch only with the flags it was built with; an object
# -includes the copy in build/ that sits next to the .gch. Only for the unoptimised builds
# (the tests, the ASan tree): at -O2, g++ 12 inlines differently with a PCH and then gives
# false -Warray-bounds warnings inside <string>. They save Boost.Test's second of parsing in
# each test file and a third of the parsing of most sources. `make PCH=0` builds without.
PCH ?= 1
ifeq ($(PCH),1)
  PCH_TEST_GCH   := $(BUILD)/pch/tests.h.gch
  PCH_TEST_FLAGS := -Winvalid-pch -include $(BUILD)/pch/tests.h
  ifeq ($(MODE),asan)
    PCH_SRC_GCH   := $(BUILD)/pch/src.h.gch
    PCH_SRC_FLAGS := -Winvalid-pch -include $(BUILD)/pch/src.h
  endif
endif

$(BUILD)/pch/src.h: src/precompiled.h
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/pch/tests.h: tests/precompiled.h
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/pch/src.h.gch: $(BUILD)/pch/src.h
	$(CXX) $(CXXFLAGS) -x c++-header $< -o $@

$(BUILD)/pch/tests.h.gch: $(BUILD)/pch/tests.h
	$(CXX) $(TEST_CXXFLAGS) -x c++-header $< -o $@

$(BUILD)/%.o: %.cpp $(PCH_SRC_GCH)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) $(PCH_SRC_FLAGS) -c $< -o $@

$(BUILD)/tests/%.o: tests/%.cpp $(PCH_TEST_GCH)
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_CXXFLAGS) $(PCH_TEST_FLAGS) -c $< -o $@

# A test program's main defines BOOST_TEST_MODULE before it includes Boost.Test: no PCH.
$(BUILD)/tests/%/main_test.o: tests/%/main_test.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_CXXFLAGS) -c $< -o $@

# The common-password list is compiled into the binary (no file to find at run time).
$(BUILD)/gen/common_passwords.cpp: src/domain/common_passwords.txt scripts/gen-common-passwords
	@mkdir -p $(dir $@)
	scripts/gen-common-passwords $< $@

$(BUILD)/gen/common_passwords.o: $(BUILD)/gen/common_passwords.cpp
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(BUILD)/libportail.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/portail: $(BUILD)/src/main.o $(BUILD)/libportail.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit_tests: $(UNIT_OBJ) $(BUILD)/libportail.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/integration_tests: $(INTEG_OBJ) $(BUILD)/libportail.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The PayFiP simulator: a separate program of the dev stack and the tests, never deployed.
$(BUILD)/payfip-sim: $(SIM_OBJ) $(BUILD)/libportail.a
	$(CXX) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# A bare libfcgi responder, the baseline of the benchmarks (not part of the portal).
$(BUILD)/hello_fcgi: tests/bench/hello_fcgi.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $< -lfcgi

# The benchmarks' opening-rush client (libcurl multi; not part of the portal).
$(BUILD)/bench_rush: tests/bench/rush.cpp
	@mkdir -p $(dir $@)
	$(CXX) -std=c++20 -O2 -Wall -Wextra -Werror -o $@ $< $(shell pkg-config --libs libcurl 2>/dev/null)

# The benchmarks' other load client: login burst, fixed-rate page latency, connection storm.
$(BUILD)/bench_load: tests/bench/load.cpp
	@mkdir -p $(dir $@)
	$(CXX) -std=c++20 -O2 -Wall -Wextra -Werror -o $@ $< $(shell pkg-config --libs libcurl 2>/dev/null)

asan:
	$(MAKE) MODE=asan build-asan

deps:
	@scripts/install-deps

JOBS      ?= $(shell nproc)

run: deps
	$(MAKE) -j$(JOBS) build
	@scripts/dev-stack start

stop:
	@scripts/dev-stack stop

test: deps
	$(MAKE) -j$(JOBS) build
	$(MAKE) -j$(JOBS) MODE=asan build-asan
	$(MAKE) -j$(JOBS) fuzz-build
	@scripts/run-tests

# Every suite of `make test`, then the long ones (scripts/run-tests --long).
test-long: deps
	$(MAKE) -j$(JOBS) build $(BUILD)/bench_rush $(BUILD)/bench_load
	$(MAKE) -j$(JOBS) MODE=asan build-asan
	$(MAKE) -j$(JOBS) fuzz-build
	@scripts/run-tests --long

bench: deps
	$(MAKE) -j$(JOBS) build $(BUILD)/bench_rush $(BUILD)/bench_load
	@scripts/bench

# domain/ is pure: no SQL, no FastCGI, no templates.
check-layers:
	@! grep -rnE 'sql::|cppconn|FCGX_|fcgiapp|ctemplate' src/domain || \
	  (echo "check-layers: src/domain must stay pure" && false)

format:
	clang-format -i $$(find src tests -name '*.cpp' -o -name '*.h' | grep -v node_modules)

clean:
	rm -rf build

# libFuzzer targets (clang): `make fuzz`, and a short run in `make test`.
-include tests/fuzz/fuzz.mk

-include $(LIB_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(INTEG_OBJ:.o=.d) $(SIM_OBJ:.o=.d) $(BUILD)/src/main.d
