// The web app compiled into the binary: web/dist when it has been built, else
// src/app/placeholder_web (see src/app/CMakeLists.txt and cmake/embed_assets.cmake).
// Thread-safety: immutable static data.
#pragma once

#include <span>

#include "server/embedded_file.h"

std::span<const chorus::server::EmbeddedFile> ChorusWebAssets();
