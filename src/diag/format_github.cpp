#include "diag/format_github.h"

#include <fmt/format.h>

#include "diag/file_position.h"
#include "diag/ordering.h"

namespace kql {
namespace {

const char* command_for(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "warning";
}

}  // namespace

std::string github_escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view text) {
  std::string out;
  for (char c : github_escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

void write_github(std::ostream& out, const std::vector<Diagnostic>& diags) {
  for (const Diagnostic* d : in_output_order(diags)) {
    std::string props;
    if (d->file != nullptr) {
      RangePosition p = range_position(*d->file, d->range);
      props = fmt::format("file={},line={},col={},endLine={},endColumn={},",
                          github_escape_property(d->file->path()), p.begin.line, p.begin.column,
                          p.end.line, p.end.column);
    }
    props += "title=" + github_escape_property(d->code + " " + d->name);
    std::string message = d->message;
    if (!d->help.empty()) message += "\nhelp: " + d->help;
    out << "::" << command_for(d->severity) << ' ' << props << "::" << github_escape_data(message)
        << '\n';
  }
}

}  // namespace kql
