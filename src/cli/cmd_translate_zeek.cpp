// `kqlint translate FILE --to zeek [-o OUT]`: every query of the rule file becomes one
// self-contained Zeek script (several queries: several modules, one after the other).
#include <fstream>
#include <iostream>
#include <sstream>

#include "backend/zeek/translate.h"
#include "cli/commands.h"
#include "cli/zeek_commands.h"
#include "diag/format_text.h"
#include "input/extract.h"
#include "syntax/parser.h"

#ifndef KQLINT_VERSION
#define KQLINT_VERSION "dev"
#endif

namespace kql::cli {

int translate_zeek(const ZeekTranslateArgs& args) {
  std::ifstream in(args.path, std::ios::binary);
  if (!in) {
    std::cerr << "kqlint: cannot read " << args.path << "\n";
    return kUsage;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  SourceFile file(args.path, bytes.str());
  std::vector<Diagnostic> diags;
  std::vector<Query> queries =
      extract_queries(file, file_kind_for_path(args.path), ExtractOptions{}, diags);
  if (queries.empty()) {
    write_text(std::cerr, diags, {1, 0}, TextOptions{false, false});
    std::cerr << "kqlint: " << args.path << ": no query found\n";
    return kUsage;
  }
  std::string scripts;
  bool syntax_error = false, untranslatable = false;
  for (auto& q : queries) {
    QueryDiagnostics qd(q, diags);
    ParseResult parsed = parse_query(q, qd);
    if (!parsed.ok) {
      syntax_error = true;
      continue;
    }
    zeek::ZeekOptions options;
    options.version = KQLINT_VERSION;
    auto t = zeek::translate_to_zeek(q, *parsed.tree, options, qd);
    if (!t.ok) {
      untranslatable = true;
      continue;
    }
    if (!scripts.empty()) scripts += "\n";
    scripts += t.script;
  }
  write_text(std::cerr, diags, {1, queries.size()}, TextOptions{false, false});
  if (untranslatable) return kUntranslatable;
  if (syntax_error) return kFindings;
  if (args.output.empty()) {
    std::cout << scripts;
    return kOk;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << scripts;
  if (!out) {
    std::cerr << "kqlint: cannot write " << args.output << "\n";
    return kUsage;
  }
  return kOk;
}

}  // namespace kql::cli
