#include "run/event_files.h"

#include <fstream>
#include <sstream>

namespace kql::run {

using nlohmann::json;

bool parse_jsonl(const std::string& text, const std::string& origin, std::vector<json>& rows,
                 std::string& error) {
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      error = origin + ":" + std::to_string(n) + ":1: expected one JSON object per line";
      return false;
    }
    rows.push_back(std::move(j));
  }
  return true;
}

namespace {
// RFC 4180 fields: quotes double themselves, quoted fields may hold commas and newlines.
bool csv_records(const std::string& text, std::vector<std::vector<std::string>>& out,
                 std::string& why) {
  std::vector<std::string> rec;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
      continue;
    }
    if (c == '"')
      quoted = true, any = true;
    else if (c == ',')
      rec.push_back(std::move(field)), field.clear(), any = true;
    else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) rec.push_back(std::move(field));
      if (!rec.empty()) out.push_back(std::move(rec));
      rec.clear(), field.clear(), any = false;
    } else
      field += c, any = true;
  }
  if (quoted) {
    why = "unterminated quoted field";
    return false;
  }
  if (any || !field.empty()) rec.push_back(std::move(field));
  if (!rec.empty()) out.push_back(std::move(rec));
  return true;
}
}  // namespace

bool parse_csv(const std::string& text, const std::string& origin, std::vector<json>& rows,
               std::string& error) {
  std::vector<std::vector<std::string>> recs;
  std::string why;
  if (!csv_records(text, recs, why)) {
    error = origin + ": " + why;
    return false;
  }
  if (recs.empty()) return true;
  const auto& header = recs[0];
  for (size_t r = 1; r < recs.size(); ++r) {
    if (recs[r].size() != header.size()) {
      error = origin + ": record " + std::to_string(r + 1) + " has " +
              std::to_string(recs[r].size()) + " fields, the header has " +
              std::to_string(header.size());
      return false;
    }
    json row = json::object();
    for (size_t i = 0; i < header.size(); ++i)
      row[header[i]] = recs[r][i].empty() ? json() : json(recs[r][i]);
    rows.push_back(std::move(row));
  }
  return true;
}

bool read_event_file(const std::string& path, std::vector<json>& rows, std::string& error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    error = path + ": cannot open the event file";
    return false;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  std::string text = ss.str();
  bool csv = path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  return csv ? parse_csv(text, path, rows, error) : parse_jsonl(text, path, rows, error);
}

std::vector<sql::SqlColumn> infer_columns(const std::vector<json>& rows) {
  std::vector<sql::SqlColumn> cols;
  for (auto& row : rows) {
    for (auto& [k, v] : row.items()) {
      sql::KType t = v.is_boolean()          ? sql::KType::Bool
                     : v.is_number_integer() ? sql::KType::Long
                     : v.is_number()         ? sql::KType::Real
                     : v.is_string()         ? sql::KType::String
                     : v.is_null()           ? sql::KType::Unknown
                                             : sql::KType::Dynamic;
      auto it = std::find_if(cols.begin(), cols.end(), [&](auto& c) { return c.name == k; });
      if (it == cols.end())
        cols.push_back({k, t});
      else if (it->type == sql::KType::Unknown)
        it->type = t;
      else if (it->type != t && t != sql::KType::Unknown)
        it->type = (it->type == sql::KType::Long && t == sql::KType::Real) ? sql::KType::Real
                                                                           : sql::KType::Dynamic;
    }
  }
  for (auto& c : cols)
    if (c.type == sql::KType::Unknown) c.type = sql::KType::String;
  return cols;
}

}  // namespace kql::run
