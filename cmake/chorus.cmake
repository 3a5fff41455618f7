# chorus_library(NAME DIR DEPS...): a library from DIR's *.cc (tests excluded) and,
# when tests are on, one gtest binary NAME_test from DIR's *_test.cc files.
function(chorus_library name dir)
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cc")
  file(GLOB tests CONFIGURE_DEPENDS "${dir}/*_test.cc")
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
