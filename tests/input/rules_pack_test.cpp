// The bundled rule pack: one query per file, each with the metadata header the format asks for.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "input/extract.h"
#include "input/read.h"
#include "input/walk.h"

using namespace kql;

TEST_CASE("every bundled rule is one query with title, description, tables and kind") {
  auto walk = collect_rule_files({std::string(KQ_SOURCE_DIR) + "/rules"});
  REQUIRE(walk.errors.empty());
  CHECK(walk.files.size() >= 20);
  for (const auto& path : walk.files) {
    CAPTURE(path);
    auto read = read_source_file(path);
    REQUIRE(read.file);
    std::vector<Diagnostic> diags;
    auto queries = extract_queries(*read.file, file_kind_for_path(path), {}, diags);
    CHECK(diags.empty());
    REQUIRE(queries.size() == 1);
    auto get = [&](const std::string& key) {
      for (const auto& [k, v] : queries[0].metadata)
        if (k == key) return v;
      return std::string();
    };
    CHECK(!get("title").empty());
    CHECK(get("description").size() > 40);
    CHECK((get("kind") == "hunting" || get("kind") == "detection"));
    std::string tables = get("tables");
    REQUIRE(!tables.empty());
    // Each table the header names is read by the query.
    size_t from = 0;
    while (from < tables.size()) {
      size_t comma = tables.find(',', from);
      std::string table = tables.substr(from, comma == std::string::npos ? comma : comma - from);
      table.erase(0, table.find_first_not_of(' '));
      CHECK_MESSAGE(queries[0].text.find(table) != std::string::npos, table);
      from = comma == std::string::npos ? tables.size() : comma + 1;
    }
    // File names are kebab-case.
    std::string name = std::filesystem::path(path).stem().string();
    CHECK(std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }));
  }
}
