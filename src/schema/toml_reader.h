#pragma once
// Internal: typed reads from a parsed TOML document that collect errors with the source
// position of the offending node instead of throwing, so a user's schema file gets every
// problem reported at its line and column.
#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace kql::schema::detail {

struct TomlError {
  std::string message;
  toml::source_position where;  // 1-based line and column
};

class TomlReader {
 public:
  explicit TomlReader(std::vector<TomlError>& errors) : errors_(errors) {}

  void error(const toml::node& at, std::string message);
  // Reports every key of `t` not in `allowed` (catches typos such as `colums`).
  void check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                  std::string_view what);

  std::string string(const toml::table& t, std::string_view key, bool required = false);
  bool boolean(const toml::table& t, std::string_view key, bool fallback = false);
  std::vector<std::string> strings(const toml::table& t, std::string_view key);
  // nullptr (and an error when present with another type) when `key` is not an array/table.
  const toml::array* array(const toml::table& t, std::string_view key);
  const toml::table* table(const toml::table& t, std::string_view key);
  // The element as a table, or nullptr with an error.
  const toml::table* as_table(const toml::node& n, std::string_view what);

  bool ok() const { return errors_.empty(); }

 private:
  std::vector<TomlError>& errors_;
};

}  // namespace kql::schema::detail
