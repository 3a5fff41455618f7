// Test helper: a fresh temporary directory per test, and files written into it.
// Used only by the *_test.cc files of this folder.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <tuple>

#include "quality/vote_table.h"

namespace chorus::quality::testing {

class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("chorus_ingest_") + info->test_suite_name() + "_" + info->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `content` byte for byte to `name` in the test's directory; returns its path.
  std::string Write(const std::string& name, const std::string& content) const {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  std::filesystem::path dir_;
};

using Triple = std::tuple<std::string, std::string, std::string>;

// The table's votes as (item, annotator, label) names, in table order.
inline std::vector<Triple> Votes(const VoteTable& table) {
  std::vector<Triple> votes;
  for (size_t v = 0; v < table.size(); ++v) {
    votes.emplace_back(table.item_names().Name(table.items()[v]),
                       table.annotator_names().Name(table.annotators()[v]),
                       table.label_names().Name(table.labels()[v]));
  }
  return votes;
}

inline std::multiset<Triple> VoteSet(const VoteTable& table) {
  const auto votes = Votes(table);
  return {votes.begin(), votes.end()};
}

}  // namespace chorus::quality::testing
