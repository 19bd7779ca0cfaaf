// SQLite side of function family 'strings' (backend/sql/functions/strings.cpp translates the
// calls). Each function here has a pg_temp twin of the same name and meaning in strings.cpp.
#include <re2/re2.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "run/sqlite_value.h"
#include "run/text_fold.h"

namespace kql::run {

namespace {

using nlohmann::json;

// ----- UTF-8 -------------------------------------------------------------------------------

// The code points of valid UTF-8 (our strings always are); a stray byte counts as itself.
std::vector<uint32_t> code_points(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}
void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
std::string utf8(const std::vector<uint32_t>& cps, size_t from = 0, size_t to = SIZE_MAX) {
  std::string out;
  for (size_t i = from; i < cps.size() && i < to; ++i) append_utf8(out, cps[i]);
  return out;
}
// Strict UTF-8 as PostgreSQL's convert_from accepts it: shortest forms, no surrogates, no NUL.
bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n;
    uint32_t cp, min;
    if ((c >> 5) == 6)
      n = 2, cp = c & 0x1F, min = 0x80;
    else if ((c >> 4) == 14)
      n = 3, cp = c & 0x0F, min = 0x800;
    else if ((c >> 3) == 30)
      n = 4, cp = c & 0x07, min = 0x10000;
    else
      return false;
    if (i + n > s.size()) return false;
    for (int k = 1; k < n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}
// Byte offset -> code point index within s.
int64_t cp_index(std::string_view s, size_t byte) { return count_code_points(s.substr(0, byte)); }

// ----- base64 ------------------------------------------------------------------------------

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string b64_encode(std::string_view bytes) {
  std::string out;
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kB64[(v >> k) & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += rest == 2 ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}
// Strict base64 (as .NET's Convert.FromBase64String): whitespace ignored, the length a multiple
// of four, '=' padding only at the end. nullopt when the text is not base64.
std::optional<std::string> b64_decode(std::string_view text) {
  std::string s;
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') s += c;
  if (s.size() % 4) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < s.size(); i += 4) {
    uint32_t v = 0;
    int pad = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s[i + k];
      const char* p = c ? std::strchr(kB64, c) : nullptr;
      if (c == '=' && i + 4 == s.size() && k >= 2) {
        ++pad;
        v <<= 6;
        continue;
      }
      if (!p || pad) return std::nullopt;
      v = (v << 6) | static_cast<uint32_t>(p - kB64);
    }
    out += static_cast<char>((v >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((v >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(v & 0xFF);
  }
  return out;
}

void fn_b64_enc(sqlite3_context* ctx, int, sqlite3_value** a) {
  result_text(ctx, b64_encode(text_arg(a[0])));
}
// base64_decode_tostring: "" (KQL's null string) unless the bytes are valid UTF-8.
void fn_b64_dec_str(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bytes = b64_decode(text_arg(a[0]));
  result_text(ctx, bytes && valid_utf8(*bytes) ? *bytes : std::string());
}
// base64_decode_toarray: the bytes as an array of longs; null when the text is not base64.
void fn_b64_dec_arr(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto bytes = b64_decode(text_arg(a[0]));
  if (!bytes) return sqlite3_result_null(ctx);
  json out = json::array();
  for (char c : *bytes) out.push_back(static_cast<int64_t>(static_cast<unsigned char>(c)));
  result_json(ctx, out);
}
// base64_encode_fromarray: "" unless the value is an array of whole numbers 0..255.
void fn_b64_from_arr(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[0]);
  std::string bytes;
  if (!j || !j->is_array()) return result_text(ctx, "");
  for (auto& e : *j) {
    if (!e.is_number_integer() || e.get<int64_t>() < 0 || e.get<int64_t>() > 255)
      return result_text(ctx, "");
    bytes += static_cast<char>(e.get<int64_t>());
  }
  result_text(ctx, b64_encode(bytes));
}

// ----- MD5 and SHA-256 (RFC 1321, FIPS 180-4) ---------------------------------------------

std::string hex(const unsigned char* p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kHex[p[i] >> 4], out += kHex[p[i] & 15];
  return out;
}
uint32_t rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
uint32_t rotr32(uint32_t x, int r) { return (x >> r) | (x << (32 - r)); }

// The message padded to a multiple of 64 bytes, its bit length appended (little- or big-endian).
std::string md_pad(std::string_view msg, bool big_endian) {
  std::string m(msg);
  uint64_t bits = static_cast<uint64_t>(msg.size()) * 8;
  m += static_cast<char>(0x80);
  while (m.size() % 64 != 56) m += '\0';
  for (int i = 0; i < 8; ++i)
    m += static_cast<char>((bits >> (big_endian ? 8 * (7 - i) : 8 * i)) & 0xFF);
  return m;
}

std::string md5_hex(std::string_view msg) {
  static const uint32_t K[64] = {
      0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
      0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
      0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
      0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
      0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
      0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
      0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
      0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
      0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
      0xeb86d391};
  static const int R[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                            5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                            4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                            6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  std::string m = md_pad(msg, false);
  for (size_t off = 0; off < m.size(); off += 64) {
    uint32_t w[16];
    for (int i = 0; i < 16; ++i) {
      const auto* p = reinterpret_cast<const unsigned char*>(m.data() + off + 4 * i);
      w[i] = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
    }
    uint32_t A = h[0], B = h[1], C = h[2], D = h[3];
    for (int i = 0; i < 64; ++i) {
      uint32_t F;
      int g;
      if (i < 16)
        F = (B & C) | (~B & D), g = i;
      else if (i < 32)
        F = (D & B) | (~D & C), g = (5 * i + 1) % 16;
      else if (i < 48)
        F = B ^ C ^ D, g = (3 * i + 5) % 16;
      else
        F = C ^ (B | ~D), g = (7 * i) % 16;
      F = F + A + K[i] + w[g];
      A = D;
      D = C;
      C = B;
      B = B + rotl32(F, R[i]);
    }
    h[0] += A, h[1] += B, h[2] += C, h[3] += D;
  }
  unsigned char out[16];
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 4; ++k) out[4 * i + k] = (h[i] >> (8 * k)) & 0xFF;
  return hex(out, 16);
}

std::string sha256_hex(std::string_view msg) {
  static const uint32_t K[64] = {
      0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
      0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
      0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
      0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
      0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
      0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
      0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
      0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
      0xc67178f2};
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::string m = md_pad(msg, true);
  for (size_t off = 0; off < m.size(); off += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i) {
      const auto* p = reinterpret_cast<const unsigned char*>(m.data() + off + 4 * i);
      w[i] = (static_cast<uint32_t>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    }
    for (int i = 16; i < 64; ++i) {
      uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
      uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      uint32_t S1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
      uint32_t ch = (e & f) ^ (~e & g);
      uint32_t t1 = hh + S1 + ch + K[i] + w[i];
      uint32_t S0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
      uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
      uint32_t t2 = S0 + mj;
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
  }
  unsigned char out[32];
  for (int i = 0; i < 8; ++i)
    for (int k = 0; k < 4; ++k) out[4 * i + k] = (h[i] >> (8 * (3 - k))) & 0xFF;
  return hex(out, 32);
}

void fn_md5(sqlite3_context* ctx, int, sqlite3_value** a) {
  result_text(ctx, md5_hex(text_arg(a[0])));
}
void fn_sha256(sqlite3_context* ctx, int, sqlite3_value** a) {
  result_text(ctx, sha256_hex(text_arg(a[0])));
}

// ----- xxHash64 (seed 0), as Kusto's hash() ------------------------------------------------

constexpr uint64_t P1 = 11400714785074694791ULL, P2 = 14029467366897019727ULL,
                   P3 = 1609587929392839161ULL, P4 = 9650029242287828579ULL,
                   P5 = 2870177450012600261ULL;
uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
uint64_t xx_round(uint64_t acc, uint64_t in) { return rotl64(acc + in * P2, 31) * P1; }
uint64_t xx_merge(uint64_t acc, uint64_t v) { return (acc ^ xx_round(0, v)) * P1 + P4; }
uint64_t le64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
uint64_t xxh64(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size(), i = 0;
  uint64_t h;
  if (n >= 32) {
    uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0 - P1;
    for (; i + 32 <= n; i += 32) {
      v1 = xx_round(v1, le64(p + i));
      v2 = xx_round(v2, le64(p + i + 8));
      v3 = xx_round(v3, le64(p + i + 16));
      v4 = xx_round(v4, le64(p + i + 24));
    }
    h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = xx_merge(xx_merge(xx_merge(xx_merge(h, v1), v2), v3), v4);
  } else {
    h = P5;
  }
  h += n;
  for (; i + 8 <= n; i += 8) h = rotl64(h ^ xx_round(0, le64(p + i)), 27) * P1 + P4;
  if (i + 4 <= n) {
    uint64_t v =
        p[i] | (p[i + 1] << 8) | (p[i + 2] << 16) | (static_cast<uint64_t>(p[i + 3]) << 24);
    h = rotl64(h ^ (v * P1), 23) * P2 + P3;
    i += 4;
  }
  for (; i < n; ++i) h = rotl64(h ^ (p[i] * P5), 11) * P1;
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}
// kql_xxh64_str(text): the hash of the string's UTF-8 bytes.
void fn_xxh64_str(sqlite3_context* ctx, int, sqlite3_value** a) {
  sqlite3_result_int64(ctx, static_cast<int64_t>(xxh64(text_arg(a[0]))));
}
// kql_xxh64_i8(long): the hash of the 8 little-endian bytes (a datetime's ticks); null stays null.
void fn_xxh64_i8(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  auto v = static_cast<uint64_t>(sqlite3_value_int64(a[0]));
  unsigned char b[8];
  for (int i = 0; i < 8; ++i) b[i] = (v >> (8 * i)) & 0xFF;
  sqlite3_result_int64(ctx, static_cast<int64_t>(xxh64({reinterpret_cast<const char*>(b), 8})));
}
// kql_hash_mod(h, m): h % m for h >= 0. Kusto's documented range [0, m) is not derivable for a
// negative hash (abs? unsigned? floored?), so the query fails there rather than guess.
void fn_hash_mod(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0]) || is_null(a[1])) return sqlite3_result_null(ctx);
  int64_t h = sqlite3_value_int64(a[0]), m = sqlite3_value_int64(a[1]);
  if (m <= 0) return sqlite3_result_null(ctx);
  if (h < 0)
    return sqlite3_result_error(
        ctx, "kql_hash_mod: hash(x, mod) of a negative hash is not reproduced", -1);
  sqlite3_result_int64(ctx, h % m);
}

// ----- searching ---------------------------------------------------------------------------

// kql_indexof(text, lookup, start, length, occurrence), in code points; see strings.cpp.
void fn_indexof(sqlite3_context* ctx, int, sqlite3_value** a) {
  for (int i = 2; i < 5; ++i)
    if (is_null(a[i])) return sqlite3_result_null(ctx);
  auto s = code_points(text_arg(a[0])), x = code_points(text_arg(a[1]));
  int64_t start = sqlite3_value_int64(a[2]), len = sqlite3_value_int64(a[3]),
          occ = sqlite3_value_int64(a[4]);
  int64_t n = static_cast<int64_t>(s.size()), m = static_cast<int64_t>(x.size());
  if (occ <= 0 || len < -1) return sqlite3_result_null(ctx);
  if (start < 0) start = std::max<int64_t>(0, n + start);
  if (start > n) return sqlite3_result_int64(ctx, -1);
  int64_t idx = -1;
  for (int64_t k = 0; k < occ; ++k) {
    if (start > n) return sqlite3_result_int64(ctx, -1);
    int64_t end = len < 0 ? n : std::min(n, start + len);
    idx = -1;
    for (int64_t p = start; p + m <= end; ++p)
      if (std::equal(x.begin(), x.end(), s.begin() + p)) {
        idx = p;
        break;
      }
    if (idx < 0) return sqlite3_result_int64(ctx, -1);
    start = idx + 1;
  }
  sqlite3_result_int64(ctx, idx);
}

// Compiled patterns, shared by all connections (RE2 objects are thread-safe once built).
RE2* regex(sqlite3_context* ctx, std::string_view pattern) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<RE2>, std::less<>> cache;
  std::lock_guard lock(mu);
  auto it = cache.find(pattern);
  if (it == cache.end()) {
    RE2::Options opts;
    opts.set_log_errors(false);
    it = cache
             .emplace(std::string(pattern),
                      std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts))
             .first;
  }
  if (!it->second->ok()) {
    std::string msg = "invalid regular expression: " + it->second->error();
    sqlite3_result_error(ctx, msg.c_str(), -1);
    return nullptr;
  }
  return it->second.get();
}

// kql_indexof_regex(text, pattern, start, length, occurrence): the code point index of the
// occurrence-th non-overlapping match within text[start, start + length), -1 when there is none.
void fn_indexof_regex(sqlite3_context* ctx, int, sqlite3_value** a) {
  for (int i = 2; i < 5; ++i)
    if (is_null(a[i])) return sqlite3_result_null(ctx);
  int64_t start = sqlite3_value_int64(a[2]), len = sqlite3_value_int64(a[3]),
          occ = sqlite3_value_int64(a[4]);
  if (start < 0 || occ <= 0 || len < -1) return sqlite3_result_null(ctx);
  RE2* re = regex(ctx, text_arg(a[1]));
  if (!re) return;
  auto cps = code_points(text_arg(a[0]));
  if (start > static_cast<int64_t>(cps.size())) return sqlite3_result_int64(ctx, -1);
  std::string sub = utf8(cps, start, len < 0 ? SIZE_MAX : start + len);
  re2::StringPiece text(sub), m;
  size_t pos = 0;
  for (int64_t k = 1;; ++k) {
    if (pos > sub.size() || !re->Match(text, pos, sub.size(), RE2::UNANCHORED, &m, 1))
      return sqlite3_result_int64(ctx, -1);
    size_t at = m.data() - sub.data();
    if (k == occ) return sqlite3_result_int64(ctx, start + cp_index(sub, at));
    pos = at + m.size();
    if (m.empty()) {  // step over one code point after an empty match
      ++pos;
      while (pos < sub.size() && (static_cast<unsigned char>(sub[pos]) & 0xC0) == 0x80) ++pos;
    }
  }
}

// kql_url_decode(text): see url_decode in strings.cpp; the same failures as its PostgreSQL twin.
void fn_url_decode(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string_view s = text_arg(a[0]);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+')
      return sqlite3_result_error(ctx, "url_decode: whether + stands for a space is not documented",
                                  -1);
    if (c != '%') {
      out += c;
      continue;
    }
    auto hex = [](char h) {
      return h >= '0' && h <= '9'   ? h - '0'
             : h >= 'a' && h <= 'f' ? h - 'a' + 10
             : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                    : -1;
    };
    int hi = i + 2 < s.size() ? hex(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? hex(s[i + 2]) : -1;
    if (hi < 0 || lo < 0)
      return sqlite3_result_error(ctx, "url_decode: a malformed percent escape", -1);
    if (hi == 0 && lo == 0) return sqlite3_result_error(ctx, "url_decode: a NUL byte", -1);
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (!valid_utf8(out))
    return sqlite3_result_error(ctx, "url_decode: the bytes are not UTF-8 text", -1);
  result_text(ctx, out);
}

// kql_countof(text, search): overlapping occurrences (each match may start one character after
// the previous one's start); an empty search fails, as on PostgreSQL.
void fn_countof(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string_view s = text_arg(a[0]), x = text_arg(a[1]);
  if (x.empty())
    return sqlite3_result_error(
        ctx, "countof: the count of an empty search string is not documented", -1);
  int64_t n = 0;
  // Stepping one byte is stepping one character here: a UTF-8 needle cannot match starting
  // inside another character's bytes.
  for (size_t p = s.find(x); p != std::string_view::npos; p = s.find(x, p + 1)) ++n;
  sqlite3_result_int64(ctx, n);
}

// kql_countof_regex(text, pattern): non-overlapping matches of a one-character pattern.
void fn_countof_regex(sqlite3_context* ctx, int, sqlite3_value** a) {
  RE2* re = regex(ctx, text_arg(a[1]));
  if (!re) return;
  std::string_view t = text_arg(a[0]);
  re2::StringPiece text(t.data(), t.size()), m;
  int64_t n = 0;
  size_t pos = 0;
  while (pos <= t.size() && re->Match(text, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
    if (m.empty()) return sqlite3_result_error(ctx, "countof: a regex match of no characters", -1);
    ++n;
    pos = (m.data() - t.data()) + m.size();
  }
  sqlite3_result_int64(ctx, n);
}

// kql_extract_all(pattern, groups, text): groups is a JSON array of 1-based group numbers (the
// translator resolves names); [] means "all groups, or the whole match when there are none".
// Each match gives a string (one column) or an array of strings; null when nothing matches.
void fn_extract_all(sqlite3_context* ctx, int, sqlite3_value** a) {
  RE2* re = regex(ctx, text_arg(a[0]));
  if (!re) return;
  auto want = json_arg(a[1]);
  std::string_view t = text_arg(a[2]);
  int ng = re->NumberOfCapturingGroups();
  std::vector<int> cols;
  if (want && want->is_array() && !want->empty()) {
    for (auto& g : *want) {
      if (!g.is_number_integer() || g.get<int64_t>() < 0 || g.get<int64_t>() > ng)
        return sqlite3_result_null(ctx);
      cols.push_back(static_cast<int>(g.get<int64_t>()));
    }
  } else if (ng == 0) {
    cols.push_back(0);
  } else {
    for (int g = 1; g <= ng; ++g) cols.push_back(g);
  }
  std::vector<re2::StringPiece> groups(ng + 1);
  re2::StringPiece text(t.data(), t.size());
  json out = json::array();
  size_t pos = 0;
  while (pos <= t.size() &&
         re->Match(text, pos, t.size(), RE2::UNANCHORED, groups.data(), ng + 1)) {
    auto str = [&](int g) {
      return groups[g].data() ? std::string(groups[g].data(), groups[g].size()) : std::string();
    };
    if (cols.size() == 1) {
      out.push_back(str(cols[0]));
    } else {
      json row = json::array();
      for (int g : cols) row.push_back(str(g));
      out.push_back(row);
    }
    size_t end = groups[0].data() - t.data() + groups[0].size();
    if (groups[0].empty()) {
      ++end;
      while (end < t.size() && (static_cast<unsigned char>(t[end]) & 0xC0) == 0x80) ++end;
    }
    pos = end;
  }
  if (out.empty()) return sqlite3_result_null(ctx);
  result_json(ctx, out);
}

// kql_has_any_index(text, lookups): the index of the first lookup that `has` finds, else -1.
void fn_has_any_index(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[1]);
  if (!j || !j->is_array()) return sqlite3_result_int64(ctx, -1);
  std::string_view t = text_arg(a[0]);
  int64_t i = 0;
  for (auto& e : *j) {
    std::string term = e.is_string() ? e.get<std::string>() : e.is_null() ? "" : e.dump();
    if (has_term(t, term, false)) return sqlite3_result_int64(ctx, i);
    ++i;
  }
  sqlite3_result_int64(ctx, -1);
}

// ----- rewriting ---------------------------------------------------------------------------

// kql_replace_strings(text, lookups, rewrites): lookups claim their non-overlapping matches
// in list order (an earlier lookup wins a contested span); a claimed match is replaced by its
// rewrite when that is a string and left as it is otherwise.
void fn_replace_strings(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string t(text_arg(a[0]));
  auto look = json_arg(a[1]), rew = json_arg(a[2]);
  if (!look || !look->is_array()) return result_text(ctx, t);
  struct Claim {
    size_t at, len;
    std::optional<std::string> by;
  };
  std::vector<Claim> claims;
  for (size_t i = 0; i < look->size(); ++i) {
    const json& l = (*look)[i];
    if (!l.is_string() || l.get<std::string>().empty()) continue;
    std::string x = l.get<std::string>();
    std::optional<std::string> by;
    if (rew && rew->is_array() && i < rew->size() && (*rew)[i].is_string())
      by = (*rew)[i].get<std::string>();
    for (size_t p = t.find(x); p != std::string::npos;) {
      bool free = true;
      for (auto& c : claims)
        if (p < c.at + c.len && c.at < p + x.size()) free = false;
      if (free) {
        claims.push_back({p, x.size(), by});
        p = t.find(x, p + x.size());
      } else {
        p = t.find(x, p + 1);
      }
    }
  }
  std::sort(claims.begin(), claims.end(), [](auto& l, auto& r) { return l.at < r.at; });
  std::string out;
  size_t pos = 0;
  for (auto& c : claims) {
    out += t.substr(pos, c.at - pos);
    out += c.by ? *c.by : t.substr(c.at, c.len);
    pos = c.at + c.len;
  }
  out += t.substr(pos);
  result_text(ctx, out);
}

// kql_tohex(value, bits, min_length): two's complement hex of a 64- or 32-bit value.
void fn_tohex(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  auto v = static_cast<uint64_t>(sqlite3_value_int64(a[0]));
  if (sqlite3_value_int64(a[1]) == 32) v &= 0xFFFFFFFFULL;
  int64_t min = is_null(a[2]) ? 0 : sqlite3_value_int64(a[2]);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(v));
  std::string s(buf);
  if (static_cast<int64_t>(s.size()) < min) s.insert(0, static_cast<size_t>(min) - s.size(), '0');
  result_text(ctx, s);
}

// kql_toguid(text): the canonical lower-case guid of 32 hex digits (dashes ignored), else "".
void fn_toguid(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string h;
  for (char c : text_arg(a[0])) {
    if (c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return result_text(ctx, "");
    h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (h.size() != 32) return result_text(ctx, "");
  result_text(ctx, h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
                       h.substr(16, 4) + "-" + h.substr(20));
}

// ----- unicode -----------------------------------------------------------------------------

void fn_codepoints_from(sqlite3_context* ctx, int, sqlite3_value** a) {
  json out = json::array();
  for (uint32_t cp : code_points(text_arg(a[0]))) out.push_back(static_cast<int64_t>(cp));
  result_json(ctx, out);
}
// kql_codepoints_to(part, ...): each part a code point or an array of them (JSON); "" when an
// element is not a valid code point.
void fn_codepoints_to(sqlite3_context* ctx, int n, sqlite3_value** a) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    auto j = json_arg(a[i]);
    if (!j) return result_text(ctx, "");
    json items = j->is_array() ? *j : json::array({*j});
    for (auto& e : items) {
      if (!e.is_number_integer()) return result_text(ctx, "");
      int64_t cp = e.get<int64_t>();
      if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return result_text(ctx, "");
      append_utf8(out, static_cast<uint32_t>(cp));
    }
  }
  result_text(ctx, out);
}

// ----- parse_csv ---------------------------------------------------------------------------

// kql_parse_csv(text): the fields of the first record (RFC 4180: "" escapes a quote inside a
// quoted field, a line break outside quotes ends the record).
void fn_parse_csv(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string_view t = text_arg(a[0]);
  json out = json::array();
  std::string field;
  bool quoted = false;
  size_t i = 0;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < t.size() && t[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(field);
      field.clear();
    } else if (c == '\n' || (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n')) {
      break;
    } else {
      field += c;
    }
  }
  out.push_back(field);
  result_json(ctx, out);
}

}  // namespace

std::span<const SqliteScalar> sqlite_string_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_b64_enc", 1, fn_b64_enc},
      {"kql_b64_dec_str", 1, fn_b64_dec_str},
      {"kql_b64_dec_arr", 1, fn_b64_dec_arr},
      {"kql_b64_from_arr", 1, fn_b64_from_arr},
      {"kql_md5", 1, fn_md5},
      {"kql_sha256", 1, fn_sha256},
      {"kql_xxh64_str", 1, fn_xxh64_str},
      {"kql_xxh64_i8", 1, fn_xxh64_i8},
      {"kql_hash_mod", 2, fn_hash_mod},
      {"kql_indexof", 5, fn_indexof},
      {"kql_indexof_regex", 5, fn_indexof_regex},
      {"kql_extract_all", 3, fn_extract_all},
      {"kql_countof", 2, fn_countof},
      {"kql_url_decode", 1, fn_url_decode},
      {"kql_countof_regex", 2, fn_countof_regex},
      {"kql_has_any_index", 2, fn_has_any_index},
      {"kql_replace_strings", 3, fn_replace_strings},
      {"kql_tohex", 3, fn_tohex},
      {"kql_toguid", 1, fn_toguid},
      {"kql_codepoints_from", 1, fn_codepoints_from},
      {"kql_codepoints_to", -1, fn_codepoints_to},
      {"kql_parse_csv", 1, fn_parse_csv},
  };
  return kFunctions;
}

}  // namespace kql::run
