#include "backend/zeek/zeek_text.h"

#include <fmt/format.h>

namespace kql::zeek {

namespace {
bool alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool punct(unsigned char c) { return c > 0x20 && c < 0x7f && !alnum(c); }
}  // namespace

std::string string_literal(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out + "\"";
}

std::string pattern_byte(unsigned char c) {
  if (alnum(c)) return std::string(1, static_cast<char>(c));
  if (punct(c)) return std::string{'\\', static_cast<char>(c)};
  return fmt::format("\\x{:02x}", c);
}

std::string pattern_text(std::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size();) {
    auto c = static_cast<unsigned char>(bytes[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xe  ? 3
                 : (c >> 3) == 0x1e ? 4
                                    : 1;
    if (i + len > bytes.size()) len = 1;
    if (len == 1) {
      out += pattern_byte(c);
    } else {
      out += '(';
      for (size_t k = 0; k < len; ++k)
        out += pattern_byte(static_cast<unsigned char>(bytes[i + k]));
      out += ')';
    }
    i += len;
  }
  return out;
}

std::string pattern_literal(std::string_view body, bool case_insensitive) {
  return "/" + std::string(body) + (case_insensitive ? "/i" : "/");
}

bool term_needle_ok(std::string_view needle) {
  return !needle.empty() && alnum(static_cast<unsigned char>(needle.front())) &&
         alnum(static_cast<unsigned char>(needle.back()));
}

namespace {
constexpr std::string_view kBefore = "(^|[^[:alnum:]])";
constexpr std::string_view kAfter = "([^[:alnum:]]|$)";
}  // namespace

std::string term_pattern_body(std::string_view needle, TermAnchor anchor) {
  return term_alternation_body({std::string(needle)}, anchor);
}

std::string term_alternation_body(const std::vector<std::string>& needles, TermAnchor anchor) {
  std::string alternatives;
  for (size_t i = 0; i < needles.size(); ++i) {
    if (i) alternatives += '|';
    alternatives += pattern_text(needles[i]);
  }
  std::string out;
  if (anchor != TermAnchor::Suffix) out += kBefore;
  out += needles.size() == 1 ? alternatives : "(" + alternatives + ")";
  if (anchor != TermAnchor::Prefix) out += kAfter;
  return out;
}

std::string identifier(std::string_view text) {
  std::string out;
  bool pending_sep = false;
  for (unsigned char c : text) {
    if (alnum(c)) {
      if (pending_sep && !out.empty()) out += '_';
      pending_sep = false;
      out += static_cast<char>(c);
    } else {
      pending_sep = true;
    }
  }
  if (out.empty()) out = "Rule";
  if (out[0] >= '0' && out[0] <= '9') out = "Rule_" + out;
  return out;
}

std::string comment_text(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f) c = ' ';
  }
  return out;
}

bool is_ascii(std::string_view bytes) {
  for (unsigned char c : bytes)
    if (c >= 0x80) return false;
  return true;
}

std::string ascii_lower(std::string_view bytes) {
  std::string out(bytes);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace kql::zeek
