#pragma once
// Sentinel-style YAML rule files: the `query:` field of each document, with rule metadata.
#include <vector>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql {

// One query per YAML document that has a `query` key (any case). The query text is exactly
// the scalar's value as yaml-cpp reads it; its positions are the file's (see yaml_scalar.h).
// Metadata keys: title (from `name`), id, kind, severity, description, tactics, techniques.
std::vector<Query> extract_yaml_queries(const SourceFile& file, std::vector<Diagnostic>& diags);

}  // namespace kql
