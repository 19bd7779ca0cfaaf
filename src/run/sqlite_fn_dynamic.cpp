// SQLite side of function family 'dynamic' (backend/sql/functions/dynamic.cpp translates the
// calls; the PostgreSQL twins of these helpers are in the same file and must agree with these).
//
// Arrays and property bags are JSON text. Several arguments of one call arrive packed into one
// JSON array ("packed"), so that a helper has a fixed number of SQL arguments. Where KQL's result
// is not documented (the relative order of elements KQL compares as equal, the order of values
// of different or indistinguishable types, unsorted split indices, ...) the helper raises an SQL
// error instead of guessing.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

void fail(sqlite3_context* ctx, const std::string& msg) {
  sqlite3_result_error(ctx, msg.c_str(), static_cast<int>(msg.size()));
}

std::optional<int64_t> int_arg(sqlite3_value* v) {
  if (is_null(v)) return std::nullopt;
  return sqlite3_value_int64(v);
}

// A JSON argument where SQL NULL is JSON null (fill values, when_true/when_false).
json json_or_null(sqlite3_value* v) {
  auto j = json_arg(v);
  return j ? *j : json(nullptr);
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}
// The text forms our datetime, timespan and guid values take inside dynamic values
// (kql_dt_str / kql_ts_str / lower-case guids): a string of this form may have been one.
bool datetime_like(std::string_view s) {
  // yyyy-mm-ddThh:mm:ss.fffffffZ
  if (s.size() != 28) return false;
  return all_digits(s.substr(0, 4)) && s[4] == '-' && all_digits(s.substr(5, 2)) && s[7] == '-' &&
         all_digits(s.substr(8, 2)) && s[10] == 'T' && all_digits(s.substr(11, 2)) &&
         s[13] == ':' && all_digits(s.substr(14, 2)) && s[16] == ':' &&
         all_digits(s.substr(17, 2)) && s[19] == '.' && all_digits(s.substr(20, 7)) && s[27] == 'Z';
}
bool timespan_like(std::string_view s) {
  // [-][d.]hh:mm:ss[.fffffff]
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (auto dot = s.find('.'); dot != std::string_view::npos && dot < s.find(':')) {
    if (!all_digits(s.substr(0, dot))) return false;
    s.remove_prefix(dot + 1);
  }
  if (s.size() == 16) {
    if (s[8] != '.' || !all_digits(s.substr(9, 7))) return false;
    s = s.substr(0, 8);
  }
  return s.size() == 8 && all_digits(s.substr(0, 2)) && s[2] == ':' && all_digits(s.substr(3, 2)) &&
         s[5] == ':' && all_digits(s.substr(6, 2));
}
bool guid_like(std::string_view s) {
  return s.size() == 36 && s[8] == '-' && s[13] == '-' && s[18] == '-' && s[23] == '-' &&
         all_hex(s.substr(0, 8)) && all_hex(s.substr(9, 4)) && all_hex(s.substr(14, 4)) &&
         all_hex(s.substr(19, 4)) && all_hex(s.substr(24, 12));
}

// ----- array_sort_asc / array_sort_desc ---------------------------------------------------

// Numbers compare by value (longs exactly; long double holds every int64 and double).
int cmp_numbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer() && !a.is_number_unsigned() &&
      !b.is_number_unsigned()) {
    int64_t x = a.get<int64_t>(), y = b.get<int64_t>();
    return x < y ? -1 : x > y;
  }
  auto ld = [](const json& v) -> long double {
    if (v.is_number_unsigned()) return static_cast<long double>(v.get<uint64_t>());
    if (v.is_number_integer()) return static_cast<long double>(v.get<int64_t>());
    return static_cast<long double>(v.get<double>());
  };
  long double x = ld(a), y = ld(b);
  return x < y ? -1 : x > y;
}

// kql_array_sort(packed arrays, asc, nulls_last): [sorted first array, the others reordered
// alike (null when their length differs)]; null when the first is not an array.
void fn_array_sort(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto packed = json_arg(a[0]);
  if (!packed || !packed->is_array() || packed->empty()) return sqlite3_result_null(ctx);
  const bool asc = sqlite3_value_int(a[1]) != 0;
  const bool nulls_last = is_null(a[2]) || sqlite3_value_int(a[2]) != 0;
  const json& key = (*packed)[0];
  if (!key.is_array()) {
    json out = json::array();
    for (size_t i = 0; i < packed->size(); ++i) out.push_back(nullptr);
    return result_json(ctx, out);
  }
  const size_t n = key.size();
  size_t numbers = 0, strings = 0, dts = 0, tss = 0, guids = 0;
  std::vector<std::string> others;
  for (auto& e : key) {
    if (e.is_number()) {
      ++numbers;
    } else if (e.is_string()) {
      ++strings;
      const auto& s = e.get_ref<const std::string&>();
      dts += datetime_like(s);
      tss += timespan_like(s);
      guids += guid_like(s);
    } else if (!e.is_null()) {
      std::string d = e.dump();
      if (std::find(others.begin(), others.end(), d) == others.end()) others.push_back(d);
    }
  }
  const std::string f = asc ? "array_sort_asc()" : "array_sort_desc()";
  if (others.size() > 1)
    return fail(ctx, f + ": the order of bool, array and property-bag elements is not documented");
  int groups = (numbers > 0) + (strings > 0) + (!others.empty());
  if (!asc && groups > 1)
    return fail(ctx, f + ": the descending order of elements of different types is not documented");
  if (tss > 0 && (numbers > 0 || strings > 1))
    return fail(ctx, f + ": a string that may be a timespan is not ordered like one");
  if (dts > 0 && (numbers > 0 || strings > dts))
    return fail(ctx, f + ": a string that may be a datetime is not ordered like one");
  if (guids > 0 && strings > 1)
    return fail(ctx, f + ": a string that may be a guid is not ordered like one");

  auto group = [](const json& e) { return e.is_number() ? 0 : e.is_string() ? 1 : 2; };
  // <0, 0, >0 as x sorts before, with or after y (nulls apart).
  auto cmp = [&](const json& x, const json& y) {
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) return 0;
      return (x.is_null() == nulls_last) ? 1 : -1;
    }
    int gx = group(x), gy = group(y);
    int c = gx != gy  ? (gx < gy ? -1 : 1)
            : gx == 0 ? cmp_numbers(x, y)
            : gx == 1 ? x.get_ref<const std::string&>().compare(y.get_ref<const std::string&>())
                      : 0;
    c = c < 0 ? -1 : c > 0;
    return asc ? c : -c;
  };
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t i, size_t j) { return cmp(key[i], key[j]) < 0; });
  // Elements that compare equal: their relative order (stability) is not documented, so they
  // must be indistinguishable in every array.
  for (size_t k = 1; k < n; ++k) {
    size_t i = order[k - 1], j = order[k];
    if (cmp(key[i], key[j]) != 0) continue;
    for (auto& arr : *packed) {
      if (!arr.is_array() || arr.size() != n) continue;
      if (arr[i].dump() != arr[j].dump())
        return fail(ctx, f + ": equal elements with different values or companions; the order "
                             "KQL gives them is not documented");
    }
  }
  json out = json::array();
  for (auto& arr : *packed) {
    if (!arr.is_array() || arr.size() != n) {
      out.push_back(nullptr);
      continue;
    }
    json s = json::array();
    for (size_t i : order) s.push_back(arr[i]);
    out.push_back(std::move(s));
  }
  result_json(ctx, out);
}

// ----- slicing, shifting, rotating, splitting ---------------------------------------------

// kql_array_slice(array, start, end): [start..end] inclusive, negative from the end, out of
// bounds indices clamped.
void fn_array_slice(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  auto s = int_arg(a[1]), e = int_arg(a[2]);
  if (!arr || !arr->is_array() || !s || !e) return sqlite3_result_null(ctx);
  int64_t n = static_cast<int64_t>(arr->size()), lo = *s, hi = *e;
  if (lo < 0) lo += n;
  if (hi < 0) hi += n;
  lo = std::max<int64_t>(lo, 0);
  hi = std::min<int64_t>(hi, n - 1);
  json out = json::array();
  for (int64_t i = lo; i <= hi; ++i) out.push_back((*arr)[i]);
  result_json(ctx, out);
}

// kql_array_shift(array, k, fill): element i is array[i + k], or fill outside the array
// (array_shift_left(a, k) = kql_array_shift(a, k), array_shift_right(a, k) = (a, -k)).
void fn_array_shift(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  auto k = int_arg(a[1]);
  if (!arr || !arr->is_array() || !k) return sqlite3_result_null(ctx);
  json fill = json_or_null(a[2]);
  int64_t n = static_cast<int64_t>(arr->size());
  json out = json::array();
  for (int64_t i = 0; i < n; ++i) {
    // |k| may be huge: compare without overflowing i + k.
    bool inside = *k >= 0 ? *k < n - i : -*k <= i;
    out.push_back(inside ? (*arr)[i + *k] : fill);
  }
  result_json(ctx, out);
}

// kql_array_rotate(array, k): element i is array[(i + k) mod n] (rotate_left k; right is -k).
void fn_array_rotate(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  auto k = int_arg(a[1]);
  if (!arr || !arr->is_array() || !k) return sqlite3_result_null(ctx);
  int64_t n = static_cast<int64_t>(arr->size());
  json out = json::array();
  if (n == 0) return result_json(ctx, out);
  int64_t r = ((*k % n) + n) % n;
  for (int64_t i = 0; i < n; ++i) out.push_back((*arr)[(i + r) % n]);
  result_json(ctx, out);
}

// kql_array_reverse(array)
void fn_array_reverse(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  if (!arr || !arr->is_array()) return sqlite3_result_null(ctx);
  json out = json::array();
  for (auto it = arr->rbegin(); it != arr->rend(); ++it) out.push_back(*it);
  result_json(ctx, out);
}

// kql_array_split(array, indices): the pieces [0..i1), [i1..i2), ... [iN..n). An index is a
// long or an array of longs; negative ones count from the end. Indices outside the array or
// out of order have no documented result: an error.
void fn_array_split(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  auto idx = json_arg(a[1]);
  if (!arr || !arr->is_array() || !idx) return sqlite3_result_null(ctx);
  json list = idx->is_array() ? *idx : json::array({*idx});
  int64_t n = static_cast<int64_t>(arr->size()), prev = 0;
  json out = json::array();
  for (auto& x : list) {
    if (!x.is_number_integer()) return sqlite3_result_null(ctx);
    int64_t i = x.get<int64_t>();
    if (i < 0) i += n;
    if (i < prev || i > n)
      return fail(ctx,
                  "array_split(): indices outside the array or out of order are not "
                  "reproduced");
    json piece = json::array();
    for (int64_t j = prev; j < i; ++j) piece.push_back((*arr)[j]);
    out.push_back(std::move(piece));
    prev = i;
  }
  json last = json::array();
  for (int64_t j = prev; j < n; ++j) last.push_back((*arr)[j]);
  out.push_back(std::move(last));
  result_json(ctx, out);
}

// kql_array_sum(array): the sum as a real, in array order; null when an element is not a
// number.
void fn_array_sum(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  if (!arr || !arr->is_array()) return sqlite3_result_null(ctx);
  double s = 0;
  for (auto& e : *arr) {
    if (!e.is_number()) return sqlite3_result_null(ctx);
    s += e.get<double>();
  }
  sqlite3_result_double(ctx, s);
}

// kql_array_concat(packed): the arrays one after the other; null when one is not an array.
void fn_array_concat(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto packed = json_arg(a[0]);
  if (!packed || !packed->is_array()) return sqlite3_result_null(ctx);
  json out = json::array();
  for (auto& arr : *packed) {
    if (!arr.is_array()) return sqlite3_result_null(ctx);
    for (auto& e : arr) out.push_back(e);
  }
  result_json(ctx, out);
}

// kql_array_iff(conditions, when_true, when_false): element-wise iff; a condition is a bool or
// a number (true when not 0), anything else gives null; an array branch shorter than the
// conditions gives null past its end, a scalar branch is used for every element.
void fn_array_iff(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto cond = json_arg(a[0]);
  if (!cond || !cond->is_array()) return sqlite3_result_null(ctx);
  json t = json_or_null(a[1]), f = json_or_null(a[2]);
  auto pick = [](const json& branch, size_t i) -> json {
    if (!branch.is_array()) return branch;
    return i < branch.size() ? branch[i] : json(nullptr);
  };
  json out = json::array();
  for (size_t i = 0; i < cond->size(); ++i) {
    const json& c = (*cond)[i];
    std::optional<bool> b;
    if (c.is_boolean())
      b = c.get<bool>();
    else if (c.is_number())
      b = c.get<double>() != 0;
    out.push_back(!b ? json(nullptr) : *b ? pick(t, i) : pick(f, i));
  }
  result_json(ctx, out);
}

// kql_array_index_of(array, value, start, length, occurrence): see the docs' rules; null for
// length < -1 or occurrence < 1.
void fn_array_index_of(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto arr = json_arg(a[0]);
  if (!arr || !arr->is_array() || is_null(a[2]) || is_null(a[3]) || is_null(a[4]))
    return sqlite3_result_null(ctx);
  json v = json_or_null(a[1]);
  int64_t n = static_cast<int64_t>(arr->size());
  int64_t start = sqlite3_value_int64(a[2]), len = sqlite3_value_int64(a[3]),
          occ = sqlite3_value_int64(a[4]);
  if (len < -1 || occ < 1) return sqlite3_result_null(ctx);
  if (start < 0) start = std::max<int64_t>(start + n, 0);
  int64_t end = len == -1 ? n : std::min<int64_t>(n, start + len);
  for (int64_t i = start; i < end; ++i)
    if (!v.is_null() && (*arr)[i] == v && --occ == 0) return sqlite3_result_int64(ctx, i);
  sqlite3_result_int64(ctx, -1);
}

// ----- property bags ----------------------------------------------------------------------

// A bag key: a plain name, or a JSONPath ($.a.b, $['a'], $["a"]) of member names. Nullopt for
// a path we do not read (array indices, wildcards, ...).
std::optional<std::vector<std::string>> key_path(const std::string& key) {
  if (key.empty() || key[0] != '$') return std::vector<std::string>{key};
  std::vector<std::string> out;
  size_t i = 1;
  while (i < key.size()) {
    if (key[i] == '.') {
      size_t j = i + 1;
      while (j < key.size() && key[j] != '.' && key[j] != '[') ++j;
      std::string name = key.substr(i + 1, j - i - 1);
      if (name.empty() || name == "*") return std::nullopt;
      out.push_back(name);
      i = j;
    } else if (key[i] == '[' && i + 1 < key.size() && (key[i + 1] == '\'' || key[i + 1] == '"')) {
      char q = key[i + 1];
      size_t close = key.find(q, i + 2);
      if (close == std::string::npos || close + 1 >= key.size() || key[close + 1] != ']')
        return std::nullopt;
      out.push_back(key.substr(i + 2, close - i - 2));
      i = close + 2;
    } else {
      return std::nullopt;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// kql_bag_keys(bag): the root keys (KQL leaves their order undetermined: sorted ordinally).
void fn_bag_keys(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bag = json_arg(a[0]);
  if (!bag || !bag->is_object()) return sqlite3_result_null(ctx);
  json out = json::array();
  for (auto& [k, v] : bag->items()) out.push_back(k);  // std::map: byte order
  result_json(ctx, out);
}

// kql_bag_has_key(bag, key)
void fn_bag_has_key(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bag = json_arg(a[0]);
  if (!bag || !bag->is_object()) return result_bool(ctx, false);
  auto path = key_path(std::string(text_arg(a[1])));
  if (!path) return fail(ctx, "bag_has_key(): this JSONPath form is not translated");
  const json* cur = &*bag;
  for (auto& k : *path) {
    if (!cur->is_object()) return result_bool(ctx, false);
    auto it = cur->find(k);
    if (it == cur->end()) return result_bool(ctx, false);
    cur = &*it;
  }
  result_bool(ctx, true);
}

// kql_bag_remove_keys(bag, keys)
void fn_bag_remove_keys(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bag = json_arg(a[0]);
  auto keys = json_arg(a[1]);
  if (!bag || !bag->is_object() || !keys || !keys->is_array()) return sqlite3_result_null(ctx);
  for (auto& k : *keys) {
    if (!k.is_string())
      return fail(ctx, "bag_remove_keys(): a key that is not a string is not reproduced");
    auto path = key_path(k.get<std::string>());
    if (!path) return fail(ctx, "bag_remove_keys(): this JSONPath form is not translated");
    json* cur = &*bag;
    for (size_t i = 0; cur && i + 1 < path->size(); ++i) {
      auto it = cur->find((*path)[i]);
      cur = it != cur->end() && it->is_object() ? &*it : nullptr;
    }
    if (cur) cur->erase(path->back());
  }
  result_json(ctx, *bag);
}

// kql_bag_set_key(bag, key, value): a JSONPath key creates the bags on its way; a member on
// the way that is not a bag has no documented result (an error).
void fn_bag_set_key(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bag = json_arg(a[0]);
  if (!bag || !bag->is_object()) return sqlite3_result_null(ctx);
  auto path = key_path(std::string(text_arg(a[1])));
  if (!path) return fail(ctx, "bag_set_key(): this JSONPath form is not translated");
  json* cur = &*bag;
  for (size_t i = 0; i + 1 < path->size(); ++i) {
    auto it = cur->find((*path)[i]);
    if (it == cur->end()) {
      cur = &((*cur)[(*path)[i]] = json::object());
    } else if (it->is_object()) {
      cur = &*it;
    } else {
      return fail(ctx, "bag_set_key(): a member on the key's path is not a property bag");
    }
  }
  (*cur)[path->back()] = json_or_null(a[2]);
  result_json(ctx, *bag);
}

// kql_bag_merge(packed bags): the leftmost bag's value wins. An argument that is not a bag
// has no documented result: null skipped, anything else an error.
void fn_bag_merge(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto packed = json_arg(a[0]);
  if (!packed || !packed->is_array()) return sqlite3_result_null(ctx);
  json out = json::object();
  for (auto& bag : *packed) {
    if (bag.is_null()) continue;
    if (!bag.is_object())
      return fail(ctx, "bag_merge(): an argument that is not a property bag is not reproduced");
    for (auto& [k, v] : bag.items())
      if (!out.contains(k)) out[k] = v;
  }
  result_json(ctx, out);
}

// kql_bag_zip(keys, values): {keys[i]: values[i]}; non-string keys skipped, missing values (or
// values that are not an array) null; null when keys is not an array. A key repeated with a
// different value has no documented result: an error.
void fn_bag_zip(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto keys = json_arg(a[0]);
  if (!keys || !keys->is_array()) return sqlite3_result_null(ctx);
  auto vals = json_arg(a[1]);
  json out = json::object();
  for (size_t i = 0; i < keys->size(); ++i) {
    const json& k = (*keys)[i];
    if (!k.is_string()) continue;
    json v = vals && vals->is_array() && i < vals->size() ? (*vals)[i] : json(nullptr);
    const auto& name = k.get_ref<const std::string&>();
    if (out.contains(name)) {
      if (out[name] != v)
        return fail(ctx, "bag_zip(): a key repeated with different values is not reproduced");
      continue;
    }
    out[name] = std::move(v);
  }
  result_json(ctx, out);
}

// kql_bag_strip(bag): without the null and empty-string values (pack_all(true)).
void fn_bag_strip(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bag = json_arg(a[0]);
  if (!bag || !bag->is_object()) return sqlite3_result_null(ctx);
  json out = json::object();
  for (auto& [k, v] : bag->items())
    if (!v.is_null() && !(v.is_string() && v.get_ref<const std::string&>().empty())) out[k] = v;
  result_json(ctx, out);
}

// ----- sets -------------------------------------------------------------------------------

void push_distinct(json& out, const json& v) {
  for (auto& e : out)
    if (e == v) return;
  out.push_back(v);
}
bool contains(const json& arr, const json& v) {
  for (auto& e : arr)
    if (e == v) return true;
  return false;
}

// kql_set_op(op, packed arrays): 'union', 'intersect' or 'difference' of the arrays' distinct
// elements, in first-seen order; null when an argument is not an array.
void fn_set_op(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string op(text_arg(a[0]));
  auto packed = json_arg(a[1]);
  if (!packed || !packed->is_array() || packed->empty()) return sqlite3_result_null(ctx);
  for (auto& arr : *packed)
    if (!arr.is_array()) return sqlite3_result_null(ctx);
  json out = json::array();
  if (op == "union") {
    for (auto& arr : *packed)
      for (auto& e : arr) push_distinct(out, e);
  } else {
    for (auto& e : (*packed)[0]) {
      bool keep = true;
      for (size_t i = 1; i < packed->size() && keep; ++i) {
        bool in = contains((*packed)[i], e);
        keep = op == "intersect" ? in : !in;
      }
      if (keep) push_distinct(out, e);
    }
  }
  result_json(ctx, out);
}

// kql_jaccard(a, b): |distinct(a) ∩ distinct(b)| / |distinct(a) ∪ distinct(b)|. Two empty
// sets (0/0) have no documented result: an error.
void fn_jaccard(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto x = json_arg(a[0]), y = json_arg(a[1]);
  if (!x || !y || !x->is_array() || !y->is_array()) return sqlite3_result_null(ctx);
  json u = json::array();
  for (auto& e : *x) push_distinct(u, e);
  for (auto& e : *y) push_distinct(u, e);
  if (u.empty()) return fail(ctx, "jaccard_index() of two empty sets is not reproduced");
  int64_t both = 0;
  for (auto& e : u) both += contains(*x, e) && contains(*y, e);
  sqlite3_result_double(ctx, static_cast<double>(both) / static_cast<double>(u.size()));
}

// kql_zip(packed arrays): [[a0, b0, ...], [a1, b1, ...], ...] up to the longest, null-padded;
// null when an argument is not an array.
void fn_zip(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto packed = json_arg(a[0]);
  if (!packed || !packed->is_array()) return sqlite3_result_null(ctx);
  size_t n = 0;
  for (auto& arr : *packed) {
    if (!arr.is_array()) return sqlite3_result_null(ctx);
    n = std::max(n, arr.size());
  }
  json out = json::array();
  for (size_t i = 0; i < n; ++i) {
    json row = json::array();
    for (auto& arr : *packed) row.push_back(i < arr.size() ? arr[i] : json(nullptr));
    out.push_back(std::move(row));
  }
  result_json(ctx, out);
}

// ----- dynamic_to_json --------------------------------------------------------------------

std::string upper_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// The canonical JSON text: compact, property-bag keys sorted ordinally. Reals (KQL's spelling
// of them is not reproduced) and keys whose ordinal and case-insensitive orders differ raise
// an error.
bool canonical(const json& j, std::string& out, std::string& err) {
  if (j.is_object()) {
    std::vector<std::string> keys;
    for (auto& [k, v] : j.items()) keys.push_back(k);  // byte order
    auto folded = keys;
    std::stable_sort(folded.begin(), folded.end(), [](const std::string& x, const std::string& y) {
      return upper_ascii(x) < upper_ascii(y);
    });
    if (folded != keys) {
      err = "dynamic_to_json(): keys whose ordinal and case-insensitive orders differ";
      return false;
    }
    out += '{';
    bool first = true;
    for (auto& k : keys) {
      if (!first) out += ',';
      first = false;
      out += json(k).dump() + ':';
      if (!canonical(j.at(k), out, err)) return false;
    }
    out += '}';
    return true;
  }
  if (j.is_array()) {
    out += '[';
    for (size_t i = 0; i < j.size(); ++i) {
      if (i) out += ',';
      if (!canonical(j[i], out, err)) return false;
    }
    out += ']';
    return true;
  }
  if (j.is_number_float()) {
    err = "dynamic_to_json(): KQL's text for real numbers is not reproduced";
    return false;
  }
  out += j.dump();
  return true;
}

void fn_dynamic_to_json(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  if (!j || j->is_null()) return fail(ctx, "dynamic_to_json() of null is not reproduced");
  std::string out, err;
  if (!canonical(*j, out, err)) return fail(ctx, err);
  result_text(ctx, out);
}

}  // namespace

std::span<const SqliteScalar> sqlite_dynamic_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_array_sort", 3, fn_array_sort},
      {"kql_array_slice", 3, fn_array_slice},
      {"kql_array_shift", 3, fn_array_shift},
      {"kql_array_rotate", 2, fn_array_rotate},
      {"kql_array_split", 2, fn_array_split},
      {"kql_array_reverse", 1, fn_array_reverse},
      {"kql_array_sum", 1, fn_array_sum},
      {"kql_array_concat", 1, fn_array_concat},
      {"kql_array_iff", 3, fn_array_iff},
      {"kql_array_index_of", 5, fn_array_index_of},
      {"kql_bag_keys", 1, fn_bag_keys},
      {"kql_bag_has_key", 2, fn_bag_has_key},
      {"kql_bag_remove_keys", 2, fn_bag_remove_keys},
      {"kql_bag_set_key", 3, fn_bag_set_key},
      {"kql_bag_merge", 1, fn_bag_merge},
      {"kql_bag_strip", 1, fn_bag_strip},
      {"kql_bag_zip", 2, fn_bag_zip},
      {"kql_set_op", 2, fn_set_op},
      {"kql_jaccard", 2, fn_jaccard},
      {"kql_zip", 1, fn_zip},
      {"kql_dynamic_to_json", 1, fn_dynamic_to_json},
  };
  return kFunctions;
}

}  // namespace kql::run
