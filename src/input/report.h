#pragma once
// Reporting an input-layer diagnostic at a file range.
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "input/input_codes.h"

namespace kql {

inline Diagnostic& report_input(std::vector<Diagnostic>& diags, const SourceFile& file,
                                input_codes::Code code, Severity severity, FileRange range,
                                std::string message, std::string help = {}) {
  Diagnostic d;
  d.code = code.code;
  d.name = code.name;
  d.severity = severity;
  d.message = std::move(message);
  d.file = &file;
  d.range = range;
  d.help = std::move(help);
  diags.push_back(std::move(d));
  return diags.back();
}

}  // namespace kql
