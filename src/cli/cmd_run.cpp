// `kqlint run FILE --data TABLE=events.jsonl ... [--now T] [--format text|csv|json]`:
// translates the rule to SQL and runs it on an in-memory SQLite (or, with --engine postgres,
// on the server given by --pg), printing the result table.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "backend/sql/ticks.h"
#include "cli/commands.h"
#include "cli/sql_commands.h"
#include "input/extract.h"
#include "run/runner.h"
#include "schema/schema.h"

#ifndef KQLINT_VERSION
#define KQLINT_VERSION "dev"
#endif

namespace kql::cli {

namespace {

void print_diagnostics(const std::vector<Diagnostic>& diags) {
  for (auto& d : diags) {
    std::string where = d.file ? d.file->path() : "<query>";
    if (d.file) {
      auto pos = d.file->position(d.range.begin);
      where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    }
    std::cerr << where << ": " << severity_name(d.severity) << "[" << d.code << "/" << d.name
              << "]: " << d.message << "\n";
  }
}

// The rule file and its queries (a .kql file, a Sentinel YAML rule or Markdown fences).
struct LoadedRule {
  std::unique_ptr<SourceFile> file;
  std::vector<Query> queries;
};

bool load_one(const std::string& path, LoadedRule& loaded) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "kqlint: " << path << ": cannot read the file\n";
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  loaded.file = std::make_unique<SourceFile>(path, ss.str());
  std::vector<Diagnostic> diags;
  FileKind kind = file_kind_for_path(path);
  if (kind == FileKind::Unknown) kind = FileKind::Kql;
  loaded.queries = extract_queries(*loaded.file, kind, ExtractOptions{}, diags);
  print_diagnostics(diags);
  if (loaded.queries.empty()) {
    std::cerr << "kqlint: " << path << ": no query found\n";
    return false;
  }
  return true;
}

std::optional<std::optional<int64_t>> parse_now_arg(const std::string& now) {
  if (now.empty()) return std::optional<int64_t>();
  auto t = run::parse_now(now);
  if (!t) {
    std::cerr << "kqlint: --now expects an ISO 8601 datetime such as 2024-01-01T00:00:00Z\n";
    return std::nullopt;
  }
  return std::optional<int64_t>(t);
}

// The schema of --platform: Sentinel's copies of the Defender tables add TimeGenerated and
// the Log Analytics columns and type AdditionalFields as dynamic.
const schema::Schema* platform_schema(const std::string& name) {
  auto profile = schema::parse_profile(name);
  if (!profile) {
    std::cerr << "kqlint: --platform must be mde or sentinel\n";
    return nullptr;
  }
  return &schema::Schema::builtin(*profile);
}

}  // namespace

int translate_sql(const SqlTranslateArgs& args) {
  if (args.dialect != "sqlite" && args.dialect != "postgres") {
    std::cerr << "kqlint: --dialect must be sqlite or postgres\n";
    return kUsage;
  }
  auto now = parse_now_arg(args.now);
  if (!now) return kUsage;
  LoadedRule loaded;
  if (!load_one(args.path, loaded)) return kUsage;
  const auto& dialect =
      args.dialect == "postgres" ? sql::postgres_dialect() : sql::sqlite_dialect();
  const schema::Schema* schema = platform_schema(args.platform);
  if (!schema) return kUsage;
  std::string script;
  int rc = kOk;
  for (auto& q : loaded.queries) {
    std::vector<Diagnostic> diags;
    bool syntax_error = false;
    auto t = run::translate(q, diags, dialect, *now, schema, {}, KQLINT_VERSION, &syntax_error);
    print_diagnostics(diags);
    if (!t.ok) {
      rc = syntax_error ? kFindings : kUntranslatable;
      continue;
    }
    script += t.script;
  }
  if (rc != kOk) return rc;
  if (args.output.empty()) {
    std::cout << script;
  } else {
    std::ofstream out(args.output, std::ios::binary);
    out << script;
    if (!out) {
      std::cerr << "kqlint: cannot write " << args.output << "\n";
      return kUsage;
    }
  }
  return kOk;
}

int run_rule(const RunArgs& args) {
  if (args.format != "text" && args.format != "csv" && args.format != "json") {
    std::cerr << "kqlint: --format must be text, csv or json\n";
    return kUsage;
  }
  run::RunRequest req;
  if (args.engine == "postgres") {
    req.engine = run::Engine::Postgres;
    if (args.pg.empty()) {
      std::cerr << "kqlint: --engine postgres needs --pg CONNINFO\n";
      return kUsage;
    }
    req.pg_conninfo = args.pg;
  } else if (args.engine != "sqlite") {
    std::cerr << "kqlint: --engine must be sqlite or postgres\n";
    return kUsage;
  }
  auto now = parse_now_arg(args.now);
  if (!now) return kUsage;
  req.now_ticks = *now;
  for (auto& spec : args.data) {
    run::TableData d;
    std::string error;
    if (!run::load_data_spec(spec, d, error)) {
      std::cerr << "kqlint: " << error << "\n";
      return kUsage;
    }
    req.data.push_back(std::move(d));
  }
  req.schema = platform_schema(args.platform);
  if (!req.schema) return kUsage;
  req.version = KQLINT_VERSION;
  LoadedRule loaded;
  if (!load_one(args.path, loaded)) return kUsage;
  int rc = kOk;
  for (auto& q : loaded.queries) {
    std::vector<Diagnostic> diags;
    auto out = run::run_query(q, diags, req);
    print_diagnostics(diags);
    if (args.show_sql && out.translation.ok) std::cerr << out.translation.script;
    using S = run::RunOutcome::Status;
    switch (out.status) {
      case S::Ok:
        if (args.format == "json")
          std::cout << run::to_json(out.table).dump() << "\n";
        else if (args.format == "csv")
          std::cout << run::to_csv(out.table);
        else
          std::cout << run::to_text(out.table);
        break;
      case S::SyntaxError:
        rc = std::max(rc, int(kFindings));
        break;
      case S::Untranslatable:
        rc = kUntranslatable;
        break;
      case S::DataError:
      case S::ExecutionError:
        std::cerr << "kqlint: " << out.error << "\n";
        if (rc != kUntranslatable) rc = kUsage;
        break;
    }
  }
  return rc;
}

void register_run(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("run", "Run a rule offline on event files (translated to SQL)");
  auto args = std::make_shared<RunArgs>();
  cmd->add_option("file", args->path, "Rule file")->required();
  cmd->add_option("--data", args->data,
                  "Events for a table: TABLE=events.jsonl or TABLE=events.csv");
  cmd->add_option("--now", args->now, "Reference time for now() and ago() (ISO 8601)");
  cmd->add_option("--format", args->format, "Output format: text, csv or json");
  cmd->add_option("--engine", args->engine, "sqlite (in-memory, default) or postgres");
  cmd->add_option("--pg", args->pg, "libpq connection string for --engine postgres");
  cmd->add_option("--platform", args->platform,
                  "Schema: mde (Defender XDR, default) or sentinel (Log Analytics copies)")
      ->check(CLI::IsMember({"mde", "sentinel"}));
  cmd->add_flag("--show-sql", args->show_sql, "Print the translated SQL to stderr");
  cmd->callback([args, &exit_code] { exit_code = run_rule(*args); });
}

}  // namespace kql::cli
