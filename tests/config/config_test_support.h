#pragma once
// Shared helpers for the config tests: fixture paths, temporary directories, a small rule
// catalogue shaped like the lint layer's.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/rule_descriptor.h"

namespace kql::test {

inline std::filesystem::path config_fixture(const std::string& name) {
  return std::filesystem::path(KQ_SOURCE_DIR) / "fixtures/config" / name;
}

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kqlint-config-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = std::filesystem::canonical(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

inline std::vector<RuleDescriptor> known_rules() {
  auto rule = [](const char* code, const char* name, Severity s) {
    return RuleDescriptor{code, name, "", "", "", s};
  };
  return {rule("KQL1001", "unknown-table", Severity::Error),
          rule("KQL1003", "unknown-column", Severity::Error),
          rule("KQL1004", "type-mismatch", Severity::Error),
          rule("KQL1006", "unknown-action-type", Severity::Warning),
          rule("KQL1010", "enum-value-case", Severity::Warning),
          rule("KQL1020", "join-without-kind", Severity::Warning),
          rule("KQL1021", "deprecated-function", Severity::Warning),
          rule("KQL1030", "missing-time-filter", Severity::Warning),
          rule("KQL1101", "zeek-uid-unavailable", Severity::Warning),
          rule("KQL1102", "zeek-uid-without-localip", Severity::Warning),
          rule("KQL1900", "unused-suppression", Severity::Warning)};
}

inline Diagnostic finding(const SourceFile* file, uint32_t begin, const char* code,
                          const char* name, Severity severity = Severity::Warning) {
  Diagnostic d;
  d.code = code;
  d.name = name;
  d.severity = severity;
  d.message = std::string(name) + " finding";
  d.file = file;
  d.range = {begin, begin + 1};
  return d;
}

}  // namespace kql::test
