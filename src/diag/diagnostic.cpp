#include "diag/diagnostic.h"

namespace kql {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "error";
}

FileRange QueryDiagnostics::to_file(Span span) const {
  uint32_t begin = query_.file_offset(span.begin);
  // The end maps through its own line, so a span may cross lines of a YAML block.
  uint32_t end = span.end == span.begin ? begin : query_.file_offset(span.end);
  if (end < begin) end = begin;
  return {begin, end};
}

Diagnostic& QueryDiagnostics::report(std::string code, std::string name, Severity severity,
                                     Span span, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.name = std::move(name);
  d.severity = severity;
  d.message = std::move(message);
  d.file = query_.file;
  d.range = to_file(span);
  out_.push_back(std::move(d));
  return out_.back();
}

}  // namespace kql
