#include "diag/format_json.h"

#include "diag/describe_fix.h"
#include "diag/file_position.h"
#include "diag/ordering.h"

namespace kql {
namespace {

using json = nlohmann::ordered_json;

void put_range(json& j, const SourceFile* file, FileRange range) {
  if (file == nullptr) {  // a run-level problem: no position to give
    j["line"] = j["column"] = j["end_line"] = j["end_column"] = 0;
    return;
  }
  RangePosition p = range_position(*file, range);
  j["line"] = p.begin.line;
  j["column"] = p.begin.column;
  j["end_line"] = p.end.line;
  j["end_column"] = p.end.column;
}

json fix_json(const SourceFile& file, const Fix& fix) {
  json edits = json::array();
  for (const Edit& e : fix.edits) {
    json edit;
    put_range(edit, &file, e.range);
    edit["replacement"] = e.replacement;
    edits.push_back(std::move(edit));
  }
  return {
      {"description", describe_fix(file, fix)}, {"safe", fix.safe}, {"edits", std::move(edits)}};
}

}  // namespace

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diags,
                                        const RunCounts& counts) {
  json list = json::array();
  for (const Diagnostic* d : in_output_order(diags)) {
    json j;
    j["file"] = d->file ? json(d->file->path()) : json(nullptr);
    put_range(j, d->file, d->range);
    j["code"] = d->code;
    j["name"] = d->name;
    j["severity"] = severity_name(d->severity);
    j["message"] = d->message;
    if (!d->help.empty()) j["help"] = d->help;
    if (d->fix && d->file) j["fix"] = fix_json(*d->file, *d->fix);
    list.push_back(std::move(j));
  }
  json doc;
  doc["version"] = 1;
  doc["files"] = counts.files;
  doc["queries"] = counts.queries;
  doc["diagnostics"] = std::move(list);
  return doc;
}

void write_json(std::ostream& out, const std::vector<Diagnostic>& diags, const RunCounts& counts) {
  // Invalid UTF-8 in a message (a quoted source fragment) must not abort the run.
  out << diagnostics_json(diags, counts).dump(2, ' ', false, json::error_handler_t::replace)
      << '\n';
}

}  // namespace kql
