#include "backend/sql/dynamic_literal.h"

#include <cctype>

#include "backend/sql/ticks.h"
#include "syntax/string_literal.h"

namespace kql::sql {
namespace {

using nlohmann::json;

struct Reader {
  std::string_view s;
  size_t i = 0;
  int depth = 0;

  // Whitespace and // comments, which KQL allows between a literal's elements (hunting rules
  // annotate their IOC lists line by line).
  void ws() {
    for (;;) {
      while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      if (i + 1 < s.size() && s[i] == '/' && s[i + 1] == '/') {
        while (i < s.size() && s[i] != '\n') ++i;
        continue;
      }
      return;
    }
  }
  bool eat(char c) {
    ws();
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  // A string element, decoded as the tree builder decodes string tokens.
  std::optional<std::string> string() {
    ws();
    size_t n = syntax_detail::string_literal_length(s.substr(i));
    if (n == 0) return std::nullopt;
    bool v = false, o = false;
    std::string out = syntax_detail::decode_string_literal(s.substr(i, n), &v, &o);
    i += n;
    return out;
  }
  bool at_string() const { return syntax_detail::string_literal_length(s.substr(i)) > 0; }
  std::optional<json> value() {
    if (++depth > 64) return std::nullopt;
    ws();
    if (i >= s.size()) return std::nullopt;
    char c = s[i];
    std::optional<json> out;
    if (c == '[') {
      ++i;
      json arr = json::array();
      while (!eat(']')) {
        auto v = value();
        if (!v) return std::nullopt;
        arr.push_back(std::move(*v));
        if (!eat(',')) {
          if (!eat(']')) return std::nullopt;
          break;
        }
      }
      out = std::move(arr);
    } else if (c == '{') {
      ++i;
      json obj = json::object();
      while (!eat('}')) {
        auto k = string();
        if (!k || !eat(':')) return std::nullopt;
        auto v = value();
        if (!v) return std::nullopt;
        obj[*k] = std::move(*v);
        if (!eat(',')) {
          if (!eat('}')) return std::nullopt;
          break;
        }
      }
      out = std::move(obj);
    } else if (at_string()) {
      // Adjacent string literals are one string, as everywhere in KQL ("a" "b" is "ab"); in an
      // IOC list that usually means a missing comma (the adjacent-strings lint says so).
      auto str = string();
      while (str) {
        size_t before = i;
        ws();
        if (!at_string()) {
          i = before;
          break;
        }
        auto next = string();
        if (!next) return std::nullopt;
        *str += *next;
      }
      if (str) out = json(*str);
    } else if (c == '-' || c == '+' || std::isdigit(static_cast<unsigned char>(c))) {
      size_t start = i;
      ++i;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
              ((s[i] == '-' || s[i] == '+') && (s[i - 1] == 'e' || s[i - 1] == 'E'))))
        ++i;
      std::string num(s.substr(start, i - start));
      if (num[0] == '+') num.erase(0, 1);
      json j = json::parse(num, nullptr, false);
      if (j.is_discarded() || !j.is_number()) return std::nullopt;
      out = std::move(j);
    } else {
      size_t start = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
      std::string word(s.substr(start, i - start));
      if (word == "true")
        out = json(true);
      else if (word == "false")
        out = json(false);
      else if (word == "null")
        out = json(nullptr);
      else if (word == "dynamic" && eat('(')) {  // dynamic({...}) nested in a dynamic literal
        auto v = value();
        if (!v || !eat(')')) return std::nullopt;
        out = std::move(*v);
      } else if ((word == "datetime" || word == "timespan" || word == "time") && eat('(')) {
        size_t close = s.find(')', i);
        if (close == std::string_view::npos) return std::nullopt;
        std::string_view inner = s.substr(i, close - i);
        i = close + 1;
        if (word == "datetime") {
          auto t = parse_datetime(inner);
          if (!t) return std::nullopt;
          out = json(format_datetime(*t));
        } else {
          auto t = parse_timespan(inner);
          if (!t) return std::nullopt;
          out = json(format_timespan(*t));
        }
      }
    }
    --depth;
    return out;
  }
};

}  // namespace

std::optional<nlohmann::json> parse_dynamic_literal(std::string_view text) {
  Reader r{text};
  auto v = r.value();
  r.ws();
  if (!v || r.i != text.size()) return std::nullopt;
  return v;
}

}  // namespace kql::sql
