# libFuzzer targets (tests/fuzz/*.cpp), built with clang into build/fuzz/, from their own
# objects in build/fuzz/obj/ (never the g++ ones). Included by the top-level Makefile.
#   make fuzz-build    every target
#   make fuzz-smoke    each target replays its corpus, then fuzzes 10 s (what `make test` runs)
#   make fuzz          each target fuzzes FUZZ_SECONDS (default 300); FUZZ_TARGETS="xml router"
#                      picks some. New inputs land in build/fuzz/work/<target>/, crashes in
#                      build/fuzz/crashes/<target>/; a crash, once fixed, is copied into
#                      tests/fuzz/corpus/<target>/ so every run replays it.

FUZZ_CXX      ?= clang++
FUZZ_DIR      := build/fuzz
FUZZ_OBJDIR   := $(FUZZ_DIR)/obj
FUZZ_SECONDS  ?= 300
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined
# No -Werror: the product's -Werror is g++'s; a warning only clang 14 gives must not stop
# the fuzzing. -O1 -g: fast enough to fuzz, quick to build, exact stack traces.
FUZZ_CXXFLAGS := -std=c++20 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Isrc -MMD -MP \
                 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LDFLAGS  := $(FUZZ_SAN) -fsanitize=fuzzer

FUZZ_ALL      := cookies dates money multipart payfip request router time urlencoded xml
FUZZ_TARGETS  ?= $(FUZZ_ALL)

# The product sources each target needs, and nothing else.
fuzz_src_cookies    := src/http/cookies.cpp
fuzz_src_dates      := src/http/parse.cpp src/domain/billing.cpp src/domain/calendar.cpp \
                       src/domain/time.cpp
fuzz_src_money      := src/domain/money.cpp
fuzz_src_multipart  := src/http/multipart.cpp src/http/form.cpp src/http/parse.cpp
fuzz_src_payfip     := src/payment/payfip.cpp src/payment/xml.cpp src/http/parse.cpp
fuzz_libs_payfip    := $(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl)
fuzz_src_request    := src/http/request.cpp src/http/multipart.cpp src/http/form.cpp \
                       src/http/parse.cpp src/http/cookies.cpp
fuzz_src_router     := src/http/router.cpp
fuzz_src_time       := src/domain/time.cpp src/domain/booking_rules.cpp src/domain/calendar.cpp
fuzz_src_urlencoded := src/http/form.cpp src/http/parse.cpp
fuzz_src_xml        := src/payment/xml.cpp src/http/parse.cpp

fuzz_objs = $(FUZZ_OBJDIR)/tests/fuzz/$(1).o $(patsubst %.cpp,$(FUZZ_OBJDIR)/%.o,$(fuzz_src_$(1)))
FUZZ_OBJ  := $(sort $(foreach t,$(FUZZ_ALL),$(call fuzz_objs,$(t))))

.PHONY: fuzz fuzz-build fuzz-smoke
fuzz-build: $(addprefix $(FUZZ_DIR)/,$(FUZZ_ALL))

fuzz-smoke: fuzz-build
	@tests/fuzz/run --seconds 10 $(FUZZ_TARGETS)

fuzz: fuzz-build
	@tests/fuzz/run --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

$(FUZZ_OBJDIR)/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -c $< -o $@

define fuzz_link
$(FUZZ_DIR)/$(1): $(call fuzz_objs,$(1))
	$$(FUZZ_CXX) $$(FUZZ_LDFLAGS) -o $$@ $$^ $$(fuzz_libs_$(1))
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call fuzz_link,$(t))))

-include $(FUZZ_OBJ:.o=.d)
