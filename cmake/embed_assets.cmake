# chorus_embed_directory(TARGET FUNCTION DIR): a static library TARGET whose one generated
# source defines `std::span<const chorus::server::EmbeddedFile> FUNCTION()` over every file
# under DIR (see src/server/embedded_file.h and static_assets.h). Declare FUNCTION yourself
# where you use it. The file list is globbed at configure time (CONFIGURE_DEPENDS), so adding
# a file re-runs CMake; editing one regenerates the source.
add_executable(chorus_embed_assets ${CMAKE_CURRENT_LIST_DIR}/embed_assets.cc)

function(chorus_embed_directory target function dir)
  file(GLOB_RECURSE inputs CONFIGURE_DEPENDS "${dir}/*")
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}.cc")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND chorus_embed_assets "${output}" "${function}" "${dir}"
    DEPENDS chorus_embed_assets ${inputs}
    COMMENT "Embedding ${dir} as ${function}()"
    VERBATIM)
  add_library(${target} STATIC "${output}")
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/src)
endfunction()
