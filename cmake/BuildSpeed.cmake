# Build speed.
#
# Unity batches (SVCDESK_UNITY, on in the trees of `make test`): eight units compiled as one, so
# that the heavy headers are parsed once per batch instead of once per unit. A fresh build of the
# GCC tree takes about half the CPU. Off by default for development trees, where a change to one
# unit would rebuild its whole batch. A name in an anonymous namespace must therefore be unique
# across the units of the library and of the app. The unit tests are compiled one by one: their
# files share fixture names (Centre, Fixture, at), and each is light.
#
# Precompiled headers: with clang (the sanitizer tree of `make test`), the heaviest third-party headers are
# precompiled once per target instead of parsed again by every unit: date/date.h and fmt reach
# almost every unit, CLI11 every unit of the app (through app.hpp), nlohmann/json the units that
# format records (through io/records.hpp). Measured on five typical units, compiled alternately
# with and without: 25-30 % less CPU each, every kind of unit (docs/testing.md). GCC 12's
# precompiled headers (85-180 MB with -g, mapped by every unit) cost the light library units more
# than they save the heavy ones (-10 % to +15 %), so GCC builds go without.
# Third-party headers only: the project's own change too often for a precompiled header to pay.
# SVCDESK_PCH=OFF builds without, e.g. to check that each file includes what it uses.
# Included last by the top-level CMakeLists.txt, once every target exists.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(pch_default ON)
else()
  set(pch_default OFF)
endif()
option(SVCDESK_PCH "Precompile the heaviest third-party headers" ${pch_default})
if(SVCDESK_PCH)
  target_precompile_headers(svcdesk_core PRIVATE <date/date.h> <fmt/format.h> <nlohmann/json.hpp>)
  target_precompile_headers(svcdesk PRIVATE <CLI/CLI.hpp> <date/date.h> <fmt/format.h> <nlohmann/json.hpp>)
  if(TARGET svcdesk_unit_tests)
    # not doctest.h: main.cpp configures it with a macro before including it
    target_precompile_headers(svcdesk_unit_tests PRIVATE <date/date.h> <fmt/format.h>)
  endif()
endif()

option(SVCDESK_UNITY "Compile units in batches of eight (unity build)" OFF)
if(SVCDESK_UNITY)
  foreach(target svcdesk_core svcdesk)
    if(TARGET ${target})
      set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
    endif()
  endforeach()
endif()
