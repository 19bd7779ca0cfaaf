#pragma once
// `kqlint translate FILE --to zeek`: one KQL hunting rule over DeviceNetworkEvents -> one
// self-contained Zeek script (module named after the rule, its own Notice::Type, handlers on
// the per-record log events of the ActionTypes the rule is filtered to, SumStats for
// thresholded counts). Anything that cannot be translated exactly is reported as a KQL4xxx
// diagnostic with the construct's span (see backend/zeek/codes.h) and no script is produced.
#include <string>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "syntax/ast.h"

namespace kql::zeek {

struct ZeekOptions {
  std::string rule_name;        // empty: default_rule_name(query)
  std::string version = "dev";  // written into the script's header comment
};

struct ZeekTranslation {
  bool ok = false;     // false when any error was reported (the CLI exits 3)
  std::string script;  // the Zeek script when ok
  std::string module;  // its module name
};

// Translates an already parsed query. `tree` must come from parse_query(query, ...).
ZeekTranslation translate_to_zeek(const Query& query, const ast::SyntaxTree& tree,
                                  const ZeekOptions& options, QueryDiagnostics& diags);

// Parses and translates; syntax errors are reported and stop the translation.
ZeekTranslation translate_query_to_zeek(const Query& query, const ZeekOptions& options,
                                        QueryDiagnostics& diags);

// The rule's name: its metadata `name` or `title`, else the file name without directories
// and extension (with "_<n>" for the n-th query of a file holding several).
std::string default_rule_name(const Query& query);

}  // namespace kql::zeek
