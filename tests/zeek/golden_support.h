#pragma once
// Shared by the Zeek golden tests: translate one fixture file and render its diagnostics as
// `line:col: severity code name: message` lines, the format of the .diag golden files.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "backend/zeek/translate.h"
#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql::test {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path zeek_fixtures() {
  return std::filesystem::path(KQ_SOURCE_DIR) / "fixtures" / "zeek";
}

struct ZeekOutcome {
  zeek::ZeekTranslation translation;
  std::string diagnostics;  // one line per diagnostic
  std::vector<Diagnostic> raw;
};

// Translates `text` as the file `name` (the rule is named after the file, as the CLI does).
inline ZeekOutcome translate_text(const std::string& name, const std::string& text) {
  SourceFile file(name, text);
  Query query = Query::whole_file(file);
  ZeekOutcome out;
  QueryDiagnostics diags(query, out.raw);
  zeek::ZeekOptions options;
  options.version = "test";
  out.translation = zeek::translate_query_to_zeek(query, options, diags);
  for (auto& d : out.raw) {
    LineCol at = file.position(d.range.begin);
    out.diagnostics += std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
                       severity_name(d.severity) + " " + d.code + " " + d.name + ": " + d.message +
                       "\n";
  }
  return out;
}

}  // namespace kql::test
