#pragma once
// KQL code fences in Markdown: ```kql / ```kusto (also ~~~, any case of the info string).
#include <vector>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql {

// The contents of each KQL fence, in file order, mapped to the file (a fence's indentation is
// stripped from its lines, as CommonMark does). An unterminated fence runs to the end of the
// file and is reported.
std::vector<Query> extract_markdown_fences(const SourceFile& file, std::vector<Diagnostic>& diags);

}  // namespace kql
