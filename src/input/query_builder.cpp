#include "input/query_builder.h"

#include <algorithm>

namespace kql {

namespace {

// Adds a piece, replacing the last one when it starts at the same query offset (it then maps
// no bytes at all).
void start_piece(std::vector<Query::Piece>& pieces, Query::Piece piece) {
  if (!pieces.empty() && pieces.back().query_offset == piece.query_offset)
    pieces.back() = piece;
  else
    pieces.push_back(piece);
}

}  // namespace

QueryBuilder::QueryBuilder(const SourceFile& file) { query_.file = &file; }

void QueryBuilder::append_file(uint32_t begin, uint32_t end) {
  if (end <= begin) return;
  const std::string& src = query_.file->text();
  uint32_t at = size();
  auto& pieces = query_.pieces;
  // Extend the last piece when the new bytes follow it directly in the file.
  bool continues =
      !pieces.empty() && pieces.back().file_offset + (at - pieces.back().query_offset) == begin;
  if (!continues) start_piece(pieces, {at, begin});
  query_.text.append(src, begin, end - begin);
}

void QueryBuilder::append_synthetic(std::string_view text, uint32_t origin) {
  if (text.empty()) return;
  start_piece(query_.pieces, {size(), origin});
  query_.text.append(text);
  // Whatever comes next starts a new piece: the synthetic bytes do not continue the file.
  start_piece(query_.pieces, {size(), origin + static_cast<uint32_t>(text.size())});
}

void QueryBuilder::truncate(uint32_t new_size) {
  if (new_size >= size()) return;
  query_.text.resize(new_size);
  auto& pieces = query_.pieces;
  while (!pieces.empty() && pieces.back().query_offset > new_size) pieces.pop_back();
}

void derive_line_origins(Query& q) {
  q.line_origins.clear();
  q.line_origins.push_back(q.file_offset(0));
  for (uint32_t i = 0; i < q.text.size(); ++i)
    if (q.text[i] == '\n') q.line_origins.push_back(q.file_offset(i + 1));
}

Query QueryBuilder::finish() {
  // A synthetic tail may leave a trailing piece at the very end; it maps nothing but is harmless
  // (file_offset(size()) then points just past the last byte's origin).
  Query q = std::move(query_);
  if (q.pieces.empty()) q.pieces.push_back({0, 0});
  derive_line_origins(q);
  query_ = Query{};
  query_.file = q.file;
  return q;
}

Query subquery(const Query& q, uint32_t begin, uint32_t end) {
  Query out;
  out.file = q.file;
  out.metadata = q.metadata;
  end = std::min<uint32_t>(end, static_cast<uint32_t>(q.text.size()));
  begin = std::min(begin, end);
  out.text = q.text.substr(begin, end - begin);
  out.pieces.push_back({0, q.file_offset(begin)});
  // Only the pieces starting inside [begin, end): found by binary search, so splitting a big
  // file into many queries stays linear.
  auto first =
      std::upper_bound(q.pieces.begin(), q.pieces.end(), begin,
                       [](uint32_t off, const Query::Piece& p) { return off < p.query_offset; });
  for (auto p = first; p != q.pieces.end() && p->query_offset < end; ++p)
    out.pieces.push_back({p->query_offset - begin, p->file_offset});
  derive_line_origins(out);
  return out;
}

}  // namespace kql
