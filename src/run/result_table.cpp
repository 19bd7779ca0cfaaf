#include "run/result_table.h"

#include <charconv>
#include <cmath>

#include "backend/sql/ticks.h"

namespace kql::run {

using nlohmann::json;
using sql::KType;

namespace {

// Shortest text that reads back as the same double (Kusto prints up to 17 digits).
std::string format_real(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

int64_t as_int(const Cell& c) {
  if (auto* i = std::get_if<int64_t>(&c)) return *i;
  if (auto* d = std::get_if<double>(&c)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&c)) return std::atoll(s->c_str());
  return 0;
}
double as_real(const Cell& c) {
  if (auto* i = std::get_if<int64_t>(&c)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&c)) return *d;
  if (auto* s = std::get_if<std::string>(&c)) return std::atof(s->c_str());
  return 0;
}
std::string as_string(const Cell& c) {
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  if (auto* i = std::get_if<int64_t>(&c)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&c)) return format_real(*d);
  return "";
}

}  // namespace

json cell_to_json(const Cell& cell, KType type) {
  if (std::holds_alternative<std::monostate>(cell)) return nullptr;
  switch (type) {
    case KType::Bool:
      return as_int(cell) != 0;
    case KType::Int:
    case KType::Long:
      return as_int(cell);
    case KType::Real:
    case KType::Decimal: {
      double v = as_real(cell);
      if (std::isnan(v) || std::isinf(v)) return format_real(v);
      return v;
    }
    case KType::DateTime:
      return sql::format_datetime(as_int(cell));
    case KType::TimeSpan:
      return sql::format_timespan(as_int(cell));
    case KType::Dynamic: {
      std::string text = as_string(cell);
      json j = json::parse(text, nullptr, false);
      return j.is_discarded() ? json(text) : j;
    }
    case KType::String:
    case KType::Guid:
      return as_string(cell);
    case KType::Unknown:
      break;
  }
  if (auto* i = std::get_if<int64_t>(&cell)) return *i;
  if (auto* d = std::get_if<double>(&cell)) return *d;
  return as_string(cell);
}

std::string cell_to_text(const Cell& cell, KType type) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  json j = cell_to_json(cell, type);
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_float()) return format_real(j.get<double>());
  return j.dump();
}

json to_json(const ResultTable& table) {
  json cols = json::array();
  for (auto& c : table.columns)
    cols.push_back({{"name", c.name}, {"type", sql::ktype_name(c.type)}});
  json rows = json::array();
  for (auto& r : table.rows) {
    json row = json::array();
    for (size_t i = 0; i < r.size(); ++i) row.push_back(cell_to_json(r[i], table.columns[i].type));
    rows.push_back(std::move(row));
  }
  return {{"columns", cols}, {"rows", rows}};
}

namespace {
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}
}  // namespace

std::string to_csv(const ResultTable& table) {
  std::string out;
  for (size_t i = 0; i < table.columns.size(); ++i)
    out += (i ? "," : "") + csv_field(table.columns[i].name);
  out += '\n';
  for (auto& r : table.rows) {
    for (size_t i = 0; i < r.size(); ++i)
      out += (i ? "," : "") + csv_field(cell_to_text(r[i], table.columns[i].type));
    out += '\n';
  }
  return out;
}

std::string to_text(const ResultTable& table) {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(table.columns.size());
  for (size_t i = 0; i < table.columns.size(); ++i) width[i] = table.columns[i].name.size();
  for (auto& r : table.rows) {
    auto& line = cells.emplace_back();
    for (size_t i = 0; i < r.size(); ++i) {
      line.push_back(cell_to_text(r[i], table.columns[i].type));
      width[i] = std::max(width[i], line.back().size());
    }
  }
  auto emit = [&](const std::vector<std::string>& line) {
    std::string s;
    for (size_t i = 0; i < line.size(); ++i) {
      s += line[i];
      if (i + 1 < line.size()) s += std::string(width[i] - line[i].size() + 2, ' ');
    }
    return s + "\n";
  };
  std::vector<std::string> header;
  for (auto& c : table.columns) header.push_back(c.name);
  std::string out = emit(header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  out += emit(rule);
  for (auto& line : cells) out += emit(line);
  out +=
      "(" + std::to_string(table.rows.size()) + (table.rows.size() == 1 ? " row)\n" : " rows)\n");
  return out;
}

}  // namespace kql::run
