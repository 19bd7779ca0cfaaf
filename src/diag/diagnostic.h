#pragma once
// The one diagnostic model every layer reports into (syntax, lint, backends) and every
// output format reads from. Ranges are file byte offsets so that queries extracted from
// YAML or Markdown report positions in the original file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "source/query.h"
#include "source/source_file.h"
#include "source/span.h"

namespace kql {

enum class Severity { Error, Warning, Info };
const char* severity_name(Severity s);  // "error" | "warning" | "info"

struct FileRange {
  uint32_t begin = 0;  // file byte offsets, half-open
  uint32_t end = 0;
};

struct Edit {
  FileRange range;
  std::string replacement;
};

// A fix is a set of edits to one file. Only `safe` fixes are applied by `check --fix`.
struct Fix {
  std::string description;
  std::vector<Edit> edits;
  bool safe = true;
};

struct Note {
  std::string message;
  std::optional<FileRange> range;  // in the diagnostic's file
};

struct Diagnostic {
  std::string code;  // stable, e.g. "KQL0001"
  std::string name;  // kebab-case, e.g. "syntax-error"
  Severity severity = Severity::Error;
  std::string message;
  const SourceFile* file = nullptr;
  FileRange range;
  std::string help;  // empty when there is none
  std::vector<Note> notes;
  std::optional<Fix> fix;
};

// Collects diagnostics for one query, turning query spans into file ranges.
class QueryDiagnostics {
 public:
  QueryDiagnostics(const Query& query, std::vector<Diagnostic>& out) : query_(query), out_(out) {}

  // Reports and returns the new diagnostic so callers can attach help, notes and fixes.
  Diagnostic& report(std::string code, std::string name, Severity severity, Span span,
                     std::string message);
  FileRange to_file(Span span) const;
  const Query& query() const { return query_; }
  size_t count() const { return out_.size(); }

 private:
  const Query& query_;
  std::vector<Diagnostic>& out_;
};

}  // namespace kql
