#include "store/clickhouse/clickhouse_url.h"

#include <charconv>

namespace dossier::clickhouse {
namespace {

constexpr std::string_view kScheme = "clickhouse://";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX-decodes `in` (user names and passwords may hold '@', ':' or '/'
// only that way); false on a malformed escape.
bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

bool ParseSize(std::string_view s, size_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (name[0] >= '0' && name[0] <= '9') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string ClickHouseUrl::HttpBase() const {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

std::string ClickHouseUrl::Redacted() const {
  std::string s(kScheme);
  if (!user.empty() || !password.empty()) {
    s += user;
    if (!password.empty()) s += ":***";
    s += '@';
  }
  const bool v6 = host.find(':') != std::string::npos;
  s += (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" + database;
  return s;
}

Result<ClickHouseUrl> ParseClickHouseUrl(std::string_view url) {
  // Messages name the URL without its password: cut "user:pass@" to "user:***@".
  std::string shown(url);
  if (const size_t at = shown.find('@'); at != std::string::npos && shown.rfind(kScheme, 0) == 0) {
    const size_t colon = shown.find(':', kScheme.size());
    if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
  }
  auto bad = [&](const std::string& why) {
    return InvalidInput("--sink '" + shown + "': " + why +
                        " (expected clickhouse://[user[:password]@]host[:port]/database)");
  };
  if (url.substr(0, kScheme.size()) != kScheme) {
    const size_t colon = url.find("://");
    return bad(colon == std::string_view::npos
                   ? std::string("not a URL")
                   : "unsupported scheme '" + std::string(url.substr(0, colon)) + "'");
  }
  ClickHouseUrl out;
  std::string_view rest = url.substr(kScheme.size());
  std::string_view query;
  if (const size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const size_t colon = userinfo.find(':');
    if (!PercentDecode(userinfo.substr(0, colon), &out.user))
      return bad("malformed %-escape in the user name");
    if (colon != std::string_view::npos &&
        !PercentDecode(userinfo.substr(colon + 1), &out.password))
      return bad("malformed %-escape in the password");
    if (out.user.empty()) return bad("empty user name before '@'");
  }
  std::string_view port_text;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed '[' in the host");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("unexpected text after the IPv6 host");
      port_text = after.substr(1);
      if (port_text.empty()) return bad("empty port after ':'");
    }
  } else {
    const size_t colon = authority.find(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return bad("empty port after ':'");
    }
  }
  if (out.host.empty()) return bad("no host");
  for (char c : out.host) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '/' || c == '?' || c == '#' || c == '%')
      return bad("invalid character in the host");
  }
  if (!port_text.empty()) {
    size_t port = 0;
    if (!ParseSize(port_text, &port) || port == 0 || port > 65535)
      return bad("port '" + std::string(port_text) + "' is not a number in 1..65535");
    out.port = static_cast<int>(port);
  }
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return bad("no database after the host");
  if (!IsPlainIdentifier(path))
    return bad("database '" + std::string(path) +
               "' must be letters, digits and '_' (not starting with a digit)");
  out.database = std::string(path);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (kv.empty()) continue;
    const size_t eq = kv.find('=');
    if (eq == std::string_view::npos) return bad("parameter '" + std::string(kv) + "' has no '='");
    const std::string_view key = kv.substr(0, eq);
    std::string value;
    if (!PercentDecode(kv.substr(eq + 1), &value))
      return bad("malformed %-escape in parameter '" + std::string(key) + "'");
    if (!IsPlainIdentifier(key)) return bad("parameter name '" + std::string(key) + "' is not a name");
    if (key == "batch_rows" || key == "batch_bytes" || key == "retries") {
      size_t n = 0;
      if (!ParseSize(value, &n) || (key != "retries" && n == 0) || (key == "retries" && n > 100))
        return bad("parameter " + std::string(key) + "='" + value + "' is not a valid count");
      if (key == "batch_rows") out.batch_rows = n;
      else if (key == "batch_bytes") out.batch_bytes = n;
      else out.retries = static_cast<int>(n);
      continue;
    }
    if (key == "database" || key == "query" || key == "user" || key == "password")
      return bad("parameter '" + std::string(key) + "' is set by the sink itself");
    out.settings.emplace_back(std::string(key), std::move(value));
  }
  return out;
}

}  // namespace dossier::clickhouse
