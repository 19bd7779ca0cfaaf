// The parser driver: lexes a query once, checks what ANTLR handles badly (stray characters,
// unterminated strings, unbalanced or absurdly deep brackets), then parses.
//
// Fast path: the whole query under SLL prediction, then full LL only if SLL fails (SLL is
// several times faster and almost always enough). Slow path, only for text with errors: the
// query is cut at top-level ';' into statements and each statement at top-level '|' into
// stages; each piece is parsed on its own and its first error reported, so independent errors
// are all found and one error does not cascade into many.
#include "syntax/parser.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "BailErrorStrategy.h"
#include "CommonToken.h"
#include "CommonTokenFactory.h"
#include "CommonTokenStream.h"
#include "Exceptions.h"
#include "KqlLexer.h"
#include "KqlParser.h"
#include "atn/DecisionInfo.h"
#include "atn/ParseInfo.h"
#include "atn/ParserATNSimulator.h"
#include "atn/PredictionMode.h"
#include "atn/ProfilingATNSimulator.h"
#include "syntax/builder.h"
#include "syntax/code_points.h"
#include "syntax/error_strategy.h"
#include "syntax/fast_lexer.h"
#include "syntax/prediction_profile.h"
#include "syntax/syntax_messages.h"
#include "syntax/walk.h"

namespace kql {

namespace sd = syntax_detail;
using P = kqlgen::KqlParser;
using antlr4::Token;

namespace {

// Serves a slice of already-lexed tokens to the parser, followed by EOF.
class SliceTokenSource : public antlr4::TokenSource {
 public:
  SliceTokenSource(const std::vector<Token*>& toks, size_t begin, size_t end,
                   antlr4::CharStream* input, size_t eof_index)
      : toks_(toks), next_(begin), end_(end), input_(input), eof_index_(eof_index) {}

  std::unique_ptr<Token> nextToken() override {
    if (next_ < end_) return std::make_unique<antlr4::CommonToken>(toks_[next_++]);
    auto eof = std::make_unique<antlr4::CommonToken>(Token::EOF);
    eof->setStartIndex(eof_index_);
    eof->setStopIndex(eof_index_ - 1);
    return eof;
  }
  size_t getLine() const override { return 0; }
  size_t getCharPositionInLine() override { return 0; }
  antlr4::CharStream* getInputStream() override { return input_; }
  std::string getSourceName() override { return "query"; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

 private:
  const std::vector<Token*>& toks_;
  size_t next_, end_;
  antlr4::CharStream* input_;
  size_t eof_index_;
};

// One lexer and parser per thread, reused across queries: building them (and warming the
// shared prediction cache) is the expensive part of a parse.
struct Engine {
  sd::CodePointStream input;
  kqlgen::KqlLexer lexer{&input};
  sd::FastLexer fast_lexer;
  antlr4::CommonTokenStream tokens{&lexer};
  P parser{&tokens};
  std::shared_ptr<antlr4::BailErrorStrategy> bail = std::make_shared<antlr4::BailErrorStrategy>();
  std::shared_ptr<sd::FirstErrorStrategy> first_error = std::make_shared<sd::FirstErrorStrategy>();
  sd::DecodedText decoded;
  bool profile = sd::prediction_profile_requested();

  Engine() {
    lexer.removeErrorListeners();
    parser.removeErrorListeners();
    parser.setBuildParseTree(true);
    if (profile) parser.setProfile(true);
  }
  ~Engine() {
    if (profile) sd::print_prediction_profile(parser, stderr);
  }
};

Engine& engine() {
  thread_local Engine e;
  return e;
}

struct Segment {
  size_t begin = 0, end = 0;  // token positions in Driver::toks_
  size_t semi = SIZE_MAX;     // the ';' that ends it, if any
  bool bad = false;           // holds a lexical or bracket error already reported
};

class Driver {
 public:
  Driver(const Query& q, QueryDiagnostics& diags, Engine& e, ast::SyntaxTree& tree)
      : q_(q), diags_(diags), e_(e), tree_(tree) {}

  bool run();

 private:
  bool lex();
  bool scan_tokens();
  bool parse_fast();
  void parse_slow();
  void parse_statement(const Segment& seg);
  // Parses toks_[begin, end) as a statement (or as one pipe operator) and reports its first
  // error. Returns the error's token position, or SIZE_MAX when the piece parsed.
  size_t parse_piece(size_t begin, size_t end, bool operator_only);
  void add_statement(P::StatementContext* c, size_t token_count);
  void error(Span span, std::string message, std::string help = {});

  Span tok_span(const Token* t) const {
    return {byte(t->getStartIndex()), byte(t->getStopIndex() + 1)};
  }
  uint32_t byte(size_t cp) const {
    auto& m = e_.decoded.cp_to_byte;
    return cp < m.size() ? m[cp] : m.back();
  }
  size_t position_of(const Token* t, size_t begin, size_t end) const;
  sd::TreeBuilder builder();

  const Query& q_;
  QueryDiagnostics& diags_;
  Engine& e_;
  ast::SyntaxTree& tree_;
  std::vector<Token*> toks_;  // default-channel tokens, without EOF
  std::vector<Segment> segments_;
  bool ok_ = true;
  size_t reported_ = 0;  // syntax errors reported so far, capped at kMaxSyntaxErrors
};

void Driver::error(Span span, std::string message, std::string help) {
  ok_ = false;
  if (reported_ == kMaxSyntaxErrors) {
    ++reported_;
    diags_.report(sd::kSyntaxErrorCode, sd::kSyntaxErrorName, Severity::Error, span,
                  "too many syntax errors; the rest of the query is not checked");
    return;
  }
  if (reported_ > kMaxSyntaxErrors) return;
  ++reported_;
  auto& d = diags_.report(sd::kSyntaxErrorCode, sd::kSyntaxErrorName, Severity::Error, span,
                          std::move(message));
  d.help = std::move(help);
}

sd::TreeBuilder Driver::builder() {
  return sd::TreeBuilder(tree_, q_.text, e_.decoded.cp_to_byte,
                         [this](Span s, std::string m) { error(s, std::move(m)); });
}

bool Driver::run() {
  sd::decode_utf8(q_.text, e_.decoded);
  if (!e_.decoded.invalid_bytes.empty()) {
    uint32_t at = e_.decoded.invalid_bytes.front();
    char hex[8];
    snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(q_.text[at]));
    error({at, at + 1}, std::string("invalid UTF-8 byte ") + hex,
          "KQL files must be UTF-8; re-save the file with UTF-8 encoding");
  }
  if (!lex()) return false;
  if (!scan_tokens()) return false;
  if (ok_ && parse_fast()) return ok_;
  parse_slow();
  return ok_;
}

bool Driver::lex() {
  e_.input.assign(e_.decoded.code_points);
  if (e_.fast_lexer.prepare(e_.decoded.code_points, &e_.input)) {
    e_.tokens.setTokenSource(&e_.fast_lexer);
  } else {
    e_.lexer.setInputStream(&e_.input);
    e_.tokens.setTokenSource(&e_.lexer);
  }
  try {
    e_.tokens.fill();
  } catch (const std::exception& ex) {
    error({0, 0}, std::string("the query could not be read: ") + ex.what());
    return false;
  }
  toks_.clear();
  for (Token* t : e_.tokens.getTokens())
    if (t->getChannel() == Token::DEFAULT_CHANNEL && t->getType() != Token::EOF) toks_.push_back(t);
  return true;
}

// Lexical errors, bracket balance and nesting depth, and the top-level ';' that separate
// statements. Returns false when the query must not be parsed at all (nesting too deep).
bool Driver::scan_tokens() {
  struct Open {
    size_t pos;
    size_t type;
    bool has_pipe;  // a '|' directly inside: the '(' becomes PIPED_LPAREN
  };
  std::vector<Open> open;
  Segment seg;
  auto closer_for = [](size_t type) -> size_t {
    return type == P::LPAREN ? P::RPAREN : type == P::LBRACK ? P::RBRACK : P::RBRACE;
  };
  size_t last_bad_char = SIZE_MAX;
  // After a broken string the rest of its line lexes as debris; one error is enough.
  size_t quiet_line = 0;
  for (size_t i = 0; i < toks_.size(); ++i) {
    Token* t = toks_[i];
    size_t type = t->getType();
    if (t->getLine() == quiet_line &&
        (type == P::BAD_CHAR || type == P::UNTERMINATED_STRING || type == P::BAD_ESCAPE_STRING)) {
      seg.bad = true;
      continue;
    }
    switch (type) {
      case P::BAD_CHAR: {
        seg.bad = true;
        Span s = tok_span(t);
        bool from_invalid_utf8 = std::binary_search(e_.decoded.invalid_bytes.begin(),
                                                    e_.decoded.invalid_bytes.end(), s.begin);
        bool continues_run = last_bad_char != SIZE_MAX && i == last_bad_char + 1 &&
                             tok_span(toks_[last_bad_char]).end == s.begin;
        last_bad_char = i;
        if (from_invalid_utf8 || continues_run) break;
        auto [message, help] = sd::bad_character_message(q_.text.substr(s.begin, s.size()));
        error(s, message, help);
        break;
      }
      case P::UNTERMINATED_STRING:
        seg.bad = true;
        quiet_line = t->getLine();
        error(tok_span(t), "unterminated string literal",
              "close the string with the same quote on the same line; for text that spans "
              "lines use ``` quotes");
        break;
      case P::BAD_ESCAPE_STRING: {
        seg.bad = true;
        quiet_line = t->getLine();
        Span s = tok_span(t);
        // The token ends with the backslash and the character after it.
        uint32_t esc = byte(t->getStopIndex() - 1);
        std::string seq = q_.text.substr(esc, s.end - esc);
        error({esc, s.end}, "invalid escape sequence '" + seq + "' in string literal",
              "Kusto strings know only \\\\ \\\" \\' \\n \\r \\t \\0 \\a \\b \\f \\v "
              "\\x \\u \\U escapes: write '\\\\' for a backslash, or use a verbatim string "
              "such as @\"C:\\Windows\"");
        break;
      }
      case P::LPAREN:
      case P::LBRACK:
      case P::LBRACE:
        open.push_back({i, type, false});
        if (open.size() > kMaxNestingDepth) {
          error(
              tok_span(t),
              "brackets are nested more than " + std::to_string(kMaxNestingDepth) + " levels deep",
              "kqlint does not parse queries nested this deeply; simplify the expression");
          return false;
        }
        break;
      case P::RPAREN:
      case P::RBRACK:
      case P::RBRACE: {
        std::string close = t->getText();
        if (open.empty()) {
          seg.bad = true;
          error(tok_span(t), "unmatched '" + close + "'",
                "remove it, or add the opening bracket it was meant to close");
        } else if (closer_for(open.back().type) != type) {
          seg.bad = true;
          Token* o = toks_[open.back().pos];
          LineCol at = q_.position(tok_span(o).begin);
          std::string want = closer_for(open.back().type) == P::RPAREN   ? ")"
                             : closer_for(open.back().type) == P::RBRACK ? "]"
                                                                         : "}";
          error(tok_span(t), "expected '" + want + "' to close '" + o->getText() + "' at " +
                                 std::to_string(at.line) + ":" + std::to_string(at.column) +
                                 ", found '" + close + "'");
          open.pop_back();
        } else {
          if (open.back().has_pipe)
            static_cast<antlr4::WritableToken*>(toks_[open.back().pos])->setType(P::PIPED_LPAREN);
          open.pop_back();
        }
        break;
      }
      case P::PIPE:
        if (!open.empty() && open.back().type == P::LPAREN) open.back().has_pipe = true;
        break;
      case P::SEMI:
        if (open.empty()) {
          seg.end = i;
          seg.semi = i;
          segments_.push_back(seg);
          seg = Segment{};
          seg.begin = i + 1;
        }
        break;
      default:
        break;
    }
  }
  seg.end = toks_.size();
  if (!open.empty()) {
    seg.bad = true;
    Token* o = toks_[open.back().pos];
    LineCol at = q_.position(tok_span(o).begin);
    uint32_t end = tok_span(toks_.back()).end;
    std::string want = closer_for(open.back().type) == P::RPAREN   ? ")"
                       : closer_for(open.back().type) == P::RBRACK ? "]"
                                                                   : "}";
    error({end, end},
          "expected '" + want + "' to close '" + o->getText() + "' at " + std::to_string(at.line) +
              ":" + std::to_string(at.column),
          "every '" + o->getText() + "' needs a matching '" + want + "'");
  }
  segments_.push_back(seg);
  return true;
}

void Driver::add_statement(P::StatementContext* c, size_t token_count) {
  ast::Statement* s = builder().statement(c);
  // A tree can only be deeper than its token count; measure only when that could matter.
  if (token_count * 2 > kMaxTreeDepth && ast::tree_depth(*s) > kMaxTreeDepth) {
    error(s->span,
          "the statement nests more than " + std::to_string(kMaxTreeDepth) +
              " expressions or operators deep",
          "kqlint does not analyze statements this deep; split the expression or the pipeline");
    return;
  }
  tree_.statements.push_back(s);
}

bool Driver::parse_fast() {
  P& p = e_.parser;
  auto* interp = p.getInterpreter<antlr4::atn::ParserATNSimulator>();
  p.setErrorHandler(e_.bail);
  for (auto mode : {antlr4::atn::PredictionMode::SLL, antlr4::atn::PredictionMode::LL}) {
    p.setTokenStream(&e_.tokens);
    p.reset();  // setTokenStream does not rewind the stream; the LL retry must start at 0
    interp->setPredictionMode(mode);
    try {
      P::QueryContext* q = p.query();
      auto stmts = q->statement();
      for (size_t i = 0; i < stmts.size(); ++i) {
        size_t count = stmts[i]->getStop()->getTokenIndex() - stmts[i]->getStart()->getTokenIndex();
        add_statement(stmts[i], count + 1);
      }
      p.getTreeTracker().reset();
      return true;
    } catch (const antlr4::ParseCancellationException&) {
      p.getTreeTracker().reset();
    } catch (const antlr4::RecognitionException&) {
      p.getTreeTracker().reset();
    }
  }
  return false;
}

size_t Driver::position_of(const Token* t, size_t begin, size_t end) const {
  if (t->getType() == Token::EOF) return end;
  size_t start = t->getStartIndex();
  size_t lo = begin, hi = end;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (toks_[mid]->getStartIndex() < start)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

size_t Driver::parse_piece(size_t begin, size_t end, bool operator_only) {
  size_t eof_index = begin < end ? toks_[end - 1]->getStopIndex() + 1 : 0;
  if (begin < end && end < toks_.size()) eof_index = toks_[end]->getStartIndex();
  SliceTokenSource source(toks_, begin, end, &e_.input, eof_index);
  antlr4::CommonTokenStream stream(&source);
  P& p = e_.parser;
  p.setTokenStream(&stream);
  p.setErrorHandler(e_.first_error);
  p.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  size_t result = SIZE_MAX;
  try {
    if (operator_only) {
      p.operatorOnly();
    } else {
      P::StatementOnlyContext* c = p.statementOnly();
      add_statement(c->statement(), end - begin);
    }
  } catch (const antlr4::ParseCancellationException&) {
    const sd::FirstError& fe = e_.first_error->error;
    size_t pos = fe.set && fe.offending ? position_of(fe.offending, begin, end) : begin;
    sd::PieceError pe{
        toks_, begin, end, pos, fe.expected, p.getVocabulary(), q_, e_.decoded.cp_to_byte};
    sd::SyntaxMessage m = sd::describe_error(pe);
    error(m.span, m.message, m.help);
    result = pos;
  } catch (const antlr4::RecognitionException&) {
    error(begin < end ? tok_span(toks_[begin]) : Span{}, "the statement could not be parsed");
    result = begin;
  }
  p.getTreeTracker().reset();
  p.setTokenStream(&e_.tokens);  // do not keep a pointer to the local stream
  return result;
}

void Driver::parse_statement(const Segment& seg) {
  size_t err = parse_piece(seg.begin, seg.end, false);
  if (err == SIZE_MAX) return;
  // Cut the statement at top-level '|' and check the stages after the failing one on their
  // own, so that an error in one stage does not hide an independent error in a later one.
  std::vector<size_t> pipes;
  int depth = 0;
  for (size_t i = seg.begin; i < seg.end; ++i) {
    size_t type = toks_[i]->getType();
    if (type == P::LPAREN || type == P::PIPED_LPAREN || type == P::LBRACK || type == P::LBRACE)
      ++depth;
    if (type == P::RPAREN || type == P::RBRACK || type == P::RBRACE) --depth;
    if (type == P::PIPE && depth == 0) pipes.push_back(i);
  }
  for (size_t k = 0; k < pipes.size(); ++k) {
    size_t begin = pipes[k] + 1;
    size_t end = k + 1 < pipes.size() ? pipes[k + 1] : seg.end;
    if (end <= err) continue;  // at or before the reported error
    if (begin > err && begin == end) {
      error(tok_span(toks_[pipes[k]]), "'|' must be followed by an operator",
            "add an operator such as 'where', 'extend', 'project' or 'summarize', or remove "
            "the '|'");
      continue;
    }
    if (begin <= err) continue;  // the stage holding the error
    parse_piece(begin, end, true);
  }
}

void Driver::parse_slow() {
  for (size_t i = 0; i < segments_.size() && reported_ <= kMaxSyntaxErrors; ++i) {
    const Segment& seg = segments_[i];
    if (seg.bad) continue;
    if (seg.begin == seg.end) {
      // An empty statement: fine at the very end (a trailing ';' or an empty query).
      if (i + 1 < segments_.size())
        error(tok_span(toks_[seg.semi]), "unexpected ';' with no statement before it",
              "remove the extra ';'");
      continue;
    }
    parse_statement(seg);
  }
}

}  // namespace

ParseResult parse_query(const Query& query, QueryDiagnostics& diags) {
  ParseResult result;
  result.tree = std::make_unique<ast::SyntaxTree>();
  Engine& e = engine();
  Driver driver(query, diags, e, *result.tree);
  try {
    result.ok = driver.run();
  } catch (const std::exception& ex) {
    // The runtime should not throw here; if it does, report instead of crashing.
    auto& d =
        diags.report(syntax_detail::kSyntaxErrorCode, syntax_detail::kSyntaxErrorName,
                     Severity::Error, Span{}, std::string("internal parser error: ") + ex.what());
    (void)d;
    result.ok = false;
  }
  return result;
}

}  // namespace kql
