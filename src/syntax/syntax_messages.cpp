#include "syntax/syntax_messages.h"

#include <cstdio>

#include "KqlParser.h"

namespace kql::syntax_detail {

using P = kqlgen::KqlParser;
using antlr4::Token;

namespace {

// A token as it appears in a message: quoted source text, shortened if long.
std::string display(const Token* t) {
  if (!t || t->getType() == Token::EOF) return "the end of the query";
  std::string text = t->getText();
  if (text.size() > 40) {
    size_t cut = 37;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  for (auto& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return "'" + text + "'";
}

bool is_word(const std::string& literal) {
  // Vocabulary literal names are quoted: 'where'.
  return literal.size() > 2 && ((literal[1] >= 'a' && literal[1] <= 'z') || literal[1] == '_' ||
                                (literal[1] >= 'A' && literal[1] <= 'Z'));
}

bool starts_expression(size_t type) {
  switch (type) {
    case P::LPAREN:
    case P::PIPED_LPAREN:
    case P::LBRACK:
    case P::MINUS:
    case P::PLUS:
    case P::STRING:
    case P::INT_NUMBER:
    case P::REAL_NUMBER:
    case P::HEX_NUMBER:
    case P::TIMESPAN:
    case P::DATETIME_LITERAL:
    case P::TIMESPAN_LITERAL:
    case P::GUID_LITERAL:
    case P::DOLLAR_NAME:
    case P::IDENTIFIER:
      return true;
  }
  return false;
}

std::string join_alternatives(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

bool has(const antlr4::misc::IntervalSet& set, size_t type) {
  return set.contains(static_cast<size_t>(type));
}

}  // namespace

SyntaxMessage describe_error(const PieceError& e) {
  auto span = [&](const Token* t) -> Span {
    auto byte = [&](size_t cp) {
      return cp < e.cp_to_byte.size() ? e.cp_to_byte[cp] : e.cp_to_byte.back();
    };
    return {byte(t->getStartIndex()), byte(t->getStopIndex() + 1)};
  };
  const Token* prev = e.pos > 0 && e.pos <= e.toks.size() ? e.toks[e.pos - 1] : nullptr;
  const Token* off = e.pos < e.end ? e.toks[e.pos] : nullptr;

  bool expects_expression = has(e.expected, P::IDENTIFIER) && has(e.expected, P::INT_NUMBER);
  bool expects_operator = has(e.expected, P::WHERE) && has(e.expected, P::EXTEND) &&
                          has(e.expected, P::SUMMARIZE) && !expects_expression;
  bool statement_done = !e.expected.isEmpty();
  for (ssize_t type : e.expected.toList())
    if (type != P::SEMI && type != static_cast<ssize_t>(Token::EOF)) statement_done = false;

  // The innermost bracket still open at the error, for "... to close '(' at 3:14".
  const Token* open = nullptr;
  {
    std::vector<const Token*> stack;
    for (size_t i = 0; i < e.pos && i < e.toks.size(); ++i) {
      size_t type = e.toks[i]->getType();
      if (type == P::LPAREN || type == P::PIPED_LPAREN || type == P::LBRACK || type == P::LBRACE)
        stack.push_back(e.toks[i]);
      if ((type == P::RPAREN || type == P::RBRACK || type == P::RBRACE) && !stack.empty())
        stack.pop_back();
    }
    if (!stack.empty()) open = stack.back();
  }
  std::string open_note;
  if (open) {
    size_t closer = open->getType() == P::LPAREN || open->getType() == P::PIPED_LPAREN ? P::RPAREN
                    : open->getType() == P::LBRACK                                     ? P::RBRACK
                                                                                       : P::RBRACE;
    if (has(e.expected, closer)) {
      LineCol at = e.query.position(span(open).begin);
      open_note = " to close '" + open->getText() + "' at " + std::to_string(at.line) + ":" +
                  std::to_string(at.column);
    }
  }

  std::vector<std::string> items;
  if (expects_expression) items.push_back("an expression");
  if (expects_operator) items.push_back("a query operator");
  bool wants_name = has(e.expected, P::IDENTIFIER);
  for (ssize_t type : e.expected.toList()) {
    if (type == static_cast<ssize_t>(Token::EOF)) {
      items.push_back("the end of the query");
      continue;
    }
    if (expects_expression && starts_expression(type)) continue;
    std::string lit = e.vocabulary.getLiteralName(type);
    if (lit.empty()) {
      if (type == P::IDENTIFIER) items.push_back("a name");
      if (type == P::STRING) items.push_back("a string");
      continue;
    }
    if (is_word(lit) && (wants_name || expects_operator)) continue;
    items.push_back(lit);
  }
  std::string expected = items.size() <= 6 ? join_alternatives(items) : std::string();

  SyntaxMessage m;
  if (!off) {
    uint32_t end = prev ? span(prev).end : 0;
    m.span = {end, end};
    if (prev && prev->getType() == P::PIPE) {
      m.span = span(prev);
      m.message = "'|' must be followed by an operator";
      m.help =
          "add an operator such as 'where', 'extend', 'project' or 'summarize', or remove the '|'";
    } else if (expects_expression) {
      m.message = "expected an expression after " + display(prev);
    } else {
      m.message = "unexpected end of query after " + display(prev);
      if (!expected.empty()) m.message += "; expected " + expected + open_note;
    }
    return m;
  }

  m.span = span(off);
  bool after_pipe = prev && prev->getType() == P::PIPE;
  if (after_pipe && off->getType() == P::PIPE) {
    m.span = span(prev);
    m.message = "'|' must be followed by an operator";
    m.help = "remove one of the two '|'";
    return m;
  }
  if (prev && prev->getType() == P::LET && e.pos == e.begin + 1) {
    m.message = "expected a name after 'let', found " + display(off);
    m.help = "a let statement reads `let Name = value;`";
    return m;
  }
  if (after_pipe || expects_operator) {
    m.message = display(off) + " is not a query operator";
    m.help =
        "after '|' comes an operator such as 'where', 'extend', 'project', 'summarize', "
        "'join' or 'take'";
    return m;
  }
  if (statement_done && prev) {
    if (off->getLine() > prev->getLine()) {
      m.message = "unexpected " + display(off) + " after the end of the statement on line " +
                  std::to_string(e.query.position(span(prev).begin).line) + "; is a ';' missing?";
      m.help =
          "a query is read as a whole: statements in it must be separated by ';' (put "
          "separate queries in separate files, or separate them with ';')";
    } else {
      m.message = "unexpected " + display(off) + " after " + display(prev);
      m.help = "is a ',' missing between two items, or an operator between two operands?";
    }
    return m;
  }
  if (expects_expression && items.size() == 1) {
    m.message = "expected an expression" + std::string(prev ? " after " + display(prev) : "") +
                ", found " + display(off);
    return m;
  }
  m.message = "unexpected " + display(off);
  if (!expected.empty()) m.message += "; expected " + expected + open_note;
  return m;
}

std::pair<std::string, std::string> bad_character_message(std::string_view ch) {
  if (ch.empty()) return {"unexpected character", ""};
  unsigned char c = static_cast<unsigned char>(ch[0]);
  if (c == 0) return {"unexpected NUL byte", "the file holds binary data; KQL queries are text"};
  if (c < 0x20 || c == 0x7F) {
    char buf[32];
    snprintf(buf, sizeof buf, "U+%04X", c);
    return {std::string("unexpected control character ") + buf, ""};
  }
  std::string quoted = "'" + std::string(ch) + "'";
  if (ch == "\u201C" || ch == "\u201D" || ch == "\u2018" || ch == "\u2019")
    return {"unexpected typographic quote " + quoted,
            "strings take straight quotes: \" or ' (word processors and web pages curl them)"};
  switch (c) {
    case '!':
      return {"unexpected '!'",
              "KQL negates with not(...), '!=' or the negated operators such as '!contains', "
              "'!has' and '!in'"};
    case '&':
      return {"unexpected '&'", "KQL's logical and is the word 'and'"};
    case '\\':
      return {"unexpected '\\'", "backslash escapes are only valid inside string literals"};
    case '#':
      return {"unexpected '#'", "comments in KQL start with '//'"};
  }
  return {"unexpected character " + quoted, ""};
}

}  // namespace kql::syntax_detail
