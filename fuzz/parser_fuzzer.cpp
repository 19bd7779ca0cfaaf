// libFuzzer target for the lexer and parser: any input must parse without crashing, hanging
// or overflowing the stack, every diagnostic and tree span must lie inside the text, and the
// hand-written lexer must agree with the generated one token for token.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "CommonTokenStream.h"
#include "KqlLexer.h"
#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"
#include "syntax/code_points.h"
#include "syntax/fast_lexer.h"
#include "syntax/parser.h"
#include "syntax/printer.h"
#include "syntax/walk.h"

namespace {

using kql::syntax_detail::CodePointStream;

std::vector<std::tuple<size_t, size_t, size_t, size_t, size_t>> tokens(antlr4::TokenSource* src) {
  antlr4::CommonTokenStream ts(src);
  ts.fill();
  std::vector<std::tuple<size_t, size_t, size_t, size_t, size_t>> out;
  for (auto* t : ts.getTokens())
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
      out.emplace_back(t->getType(), t->getStartIndex(), t->getStopIndex(), t->getLine(),
                       t->getCharPositionInLine());
  return out;
}

void check_lexers_agree(const std::string& text) {
  kql::syntax_detail::DecodedText d;
  kql::syntax_detail::decode_utf8(text, d);
  CodePointStream a, b;
  a.assign(d.code_points);
  b.assign(d.code_points);
  kql::syntax_detail::FastLexer fast;
  if (!fast.prepare(d.code_points, &a)) return;
  kqlgen::KqlLexer generated(&b);
  generated.removeErrorListeners();
  if (tokens(&fast) != tokens(&generated)) abort();
}

void check_spans(const kql::ast::Node& root, uint32_t size) {
  std::vector<const kql::ast::Node*> stack{&root};
  while (!stack.empty()) {
    const kql::ast::Node* n = stack.back();
    stack.pop_back();
    if (n->span.begin > n->span.end || n->span.end > size) abort();
    kql::ast::for_each_child(*n, [&](const kql::ast::Node& c) { stack.push_back(&c); });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  kql::SourceFile file("fuzz.kql", text);
  kql::Query query = kql::Query::whole_file(file);
  std::vector<kql::Diagnostic> diags;
  kql::QueryDiagnostics qd(query, diags);
  kql::ParseResult r = kql::parse_query(query, qd);
  if (r.ok != diags.empty()) abort();
  for (auto& d : diags)
    if (d.range.begin > d.range.end || d.range.end > size || d.message.empty()) abort();
  for (auto* s : r.tree->statements) check_spans(*s, static_cast<uint32_t>(size));
  (void)kql::print_tree(*r.tree);
  check_lexers_agree(text);
  return 0;
}
