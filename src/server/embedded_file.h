// One file compiled into the binary by chorus_embed_directory() (cmake/embed_assets.cmake):
// its URL path ("/index.html", "/assets/app.js") and its bytes. The generated .cc defines
// a function `std::span<const chorus::server::EmbeddedFile> NAME()` over a static table.
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace chorus::server {

struct EmbeddedFile {
  std::string_view path;   // '/' + the file's path relative to the embedded directory.
  std::string_view bytes;  // The file's contents (binary-safe).
};

}  // namespace chorus::server
