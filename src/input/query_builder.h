#pragma once
// Assembling a Query from pieces of its file, keeping the exact mapping of every query byte
// back to a file offset (Query::pieces and Query::line_origins).
#include <cstdint>
#include <string_view>

#include "source/query.h"
#include "source/source_file.h"

namespace kql {

class QueryBuilder {
 public:
  explicit QueryBuilder(const SourceFile& file);

  // Appends the file bytes [begin, end) unchanged.
  void append_file(uint32_t begin, uint32_t end);
  // Appends text that is not in the file as such (a decoded escape, the space a folded line
  // break becomes); its bytes map to `origin` onwards.
  void append_synthetic(std::string_view text, uint32_t origin);
  // Removes query bytes from the end (YAML chomping), keeping the mapping consistent.
  void truncate(uint32_t size);
  uint32_t size() const { return static_cast<uint32_t>(query_.text.size()); }
  const std::string& text() const { return query_.text; }

  // The finished query, with line_origins derived from the pieces.
  Query finish();

 private:
  Query query_;
};

// The query bytes [begin, end) of `q` as a query of their own (same file, metadata, mapping).
Query subquery(const Query& q, uint32_t begin, uint32_t end);

// Fills q.line_origins from q.pieces.
void derive_line_origins(Query& q);

}  // namespace kql
