#pragma once
// What an output format needs to know about a rule beyond a single diagnostic: SARIF lists
// every rule that ran (id, name, descriptions, help URI, default level). The lint catalogue
// supplies these; the suppression and config layers add their own.
#include <string>

#include "diag/diagnostic.h"

namespace kql {

struct RuleDescriptor {
  std::string code;               // "KQL1003"
  std::string name;               // "unknown-column"
  std::string short_description;  // one line
  std::string full_description;   // the rationale, a paragraph
  std::string help_uri;           // where `kqlint rule NAME` text is published; may be empty
  Severity default_severity = Severity::Warning;
};

}  // namespace kql
