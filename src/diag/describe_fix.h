#pragma once
// A fix in words, for the text and JSON outputs: the rule's own description, or, when it gave
// none, the edit spelled out (`replace "TCP" with "Tcp"`, `insert "x"`, `remove "y"`).
#include <string>

#include "diag/diagnostic.h"

namespace kql {

std::string describe_fix(const SourceFile& file, const Fix& fix);

}  // namespace kql
