# chorus_library(NAME DIR DEPS...): a library from DIR's *.cc (tests excluded) and,
# when tests are on, one gtest binary NAME_test from DIR's *_test.cc files.
function(chorus_library name dir)
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cc")
  file(GLOB tests CONFIGURE_DEPENDS "${dir}/*_test.cc")
  # A NAME_test.cc beside a NAME_test.h is a library source that happens to be named so
  # (quality/independence_test: tests of independence), not a gtest file.
  foreach(test_file IN LISTS tests)
    string(REGEX REPLACE "\\.cc$" ".h" test_header "${test_file}")
    if(EXISTS "${test_header}")
      list(REMOVE_ITEM tests "${test_file}")
    endif()
  endforeach()
  if(tests)
    list(REMOVE_ITEM sources ${tests})
  endif()
  if(sources)
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} PUBLIC ${ARGN})
  else()  # A folder of headers only.
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${name} INTERFACE ${ARGN})
  endif()
  if(CHORUS_BUILD_TESTS AND tests)
    add_executable(${name}_test ${tests})
    target_link_libraries(${name}_test PRIVATE ${name} GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_test PRIVATE
      CHORUS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${name}_test DISCOVERY_TIMEOUT 60
      PROPERTIES ENVIRONMENT "CHORUS_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  endif()
endfunction()
