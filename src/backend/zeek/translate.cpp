// The Zeek backend's entry points: parse if needed, run the RuleTranslator (rule_*.cpp) to get a
// RulePlan, and write it with script_writer.cpp.
#include "backend/zeek/translate.h"

#include "backend/zeek/mapping.h"
#include "backend/zeek/rule_translator.h"
#include "backend/zeek/script_writer.h"
#include "syntax/parser.h"

namespace kql::zeek {

std::string default_rule_name(const Query& query) {
  for (auto& [k, v] : query.metadata)
    if ((k == "title" || k == "name") && !v.empty()) return v;
  std::string path = query.file ? query.file->path() : "rule";
  size_t slash = path.find_last_of("/\\");
  if (slash != std::string::npos) path = path.substr(slash + 1);
  size_t dot = path.find('.');
  if (dot != std::string::npos && dot > 0) path = path.substr(0, dot);
  if (query.index > 1) path += "_" + std::to_string(query.index);
  return path;
}

ZeekTranslation translate_to_zeek(const Query& query, const ast::SyntaxTree& tree,
                                  const ZeekOptions& options, QueryDiagnostics& diags) {
  ZeekTranslation out;
  detail::RuleTranslator translator(query, tree, Mapping::builtin(), diags);
  auto plan = translator.run(options);
  if (!plan) return out;
  out.ok = true;
  out.module = plan->module;
  out.script = write_script(*plan);
  return out;
}

ZeekTranslation translate_query_to_zeek(const Query& query, const ZeekOptions& options,
                                        QueryDiagnostics& diags) {
  ParseResult parsed = parse_query(query, diags);
  if (!parsed.ok) return {};
  return translate_to_zeek(query, *parsed.tree, options, diags);
}

}  // namespace kql::zeek
