#include "link/merge.h"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>

namespace dossier {
namespace {

// True if `a` should replace `b`.
bool Beats(const Mention& a, const Mention& b) {
  uint32_t la = a.span.end - a.span.begin, lb = b.span.end - b.span.begin;
  if (la != lb) return la > lb;
  return a.confidence > b.confidence;
}

bool ByPosition(const Mention& a, const Mention& b) {
  if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
  return a.span.end < b.span.end;
}

}  // namespace

// Mentions are heavy (strings, optional values, evidence), so everything here
// orders indices and moves each mention once into the result.
void MergeMentions(std::vector<Mention> fresh, std::vector<Mention>* kept) {
  std::vector<Mention>& k = *kept;
  if (!std::is_sorted(k.begin(), k.end(), ByPosition)) std::sort(k.begin(), k.end(), ByPosition);
  // Within one annotator, the same rule: longest, then most confident first.
  std::vector<uint32_t> order;
  order.reserve(fresh.size());
  for (uint32_t i = 0; i < fresh.size(); ++i)
    if (fresh[i].span.end > fresh[i].span.begin) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return Beats(fresh[a], fresh[b]); });
  std::vector<uint8_t> drop(k.size(), 0);
  std::vector<uint32_t> accepted;
  accepted.reserve(order.size());
  // Bytes held by accepted fresh spans (they never overlap each other), one
  // bit a byte up to the furthest fresh end.
  uint32_t limit = 0;
  for (uint32_t fi : order) limit = std::max(limit, fresh[fi].span.end);
  std::vector<uint64_t> taken(limit / 64 + 1, 0);
  auto any_taken = [&](uint32_t b, uint32_t e) {
    for (uint32_t i = b; i < e;) {
      if ((i & 63) == 0 && i + 64 <= e) {
        if (taken[i >> 6]) return true;
        i += 64;
      } else {
        if ((taken[i >> 6] >> (i & 63)) & 1) return true;
        ++i;
      }
    }
    return false;
  };
  auto take = [&](uint32_t b, uint32_t e) {
    for (uint32_t i = b; i < e; ++i) taken[i >> 6] |= uint64_t{1} << (i & 63);
  };
  std::vector<size_t> beaten;
  bool any_drop = false;
  for (uint32_t fi : order) {
    Mention& m = fresh[fi];
    // Kept mentions never overlap each other, so sorted by begin they are
    // sorted by end too: the first that could overlap m is the first that
    // ends after m begins.
    auto it = std::lower_bound(k.begin(), k.end(), m.span.begin,
                               [](const Mention& x, uint32_t b) { return x.span.end <= b; });
    bool wins = true;
    beaten.clear();
    for (; it != k.end() && it->span.begin < m.span.end; ++it) {
      size_t i = static_cast<size_t>(it - k.begin());
      if (drop[i]) continue;
      if (Beats(m, *it)) {
        beaten.push_back(i);
      } else {
        wins = false;
        break;
      }
    }
    if (!wins) continue;
    // An earlier (better) fresh mention holding part of the span wins.
    if (any_taken(m.span.begin, m.span.end)) continue;
    take(m.span.begin, m.span.end);
    for (size_t i : beaten) {
      drop[i] = 1;
      any_drop = true;
      m.evidence.push_back("over " + k[i].kind + " " + k[i].rule);
    }
    accepted.push_back(fi);
  }
  if (accepted.empty() && !any_drop) return;
  std::sort(accepted.begin(), accepted.end(),
            [&](uint32_t a, uint32_t b) { return ByPosition(fresh[a], fresh[b]); });
  // In place, so the vector keeps its capacity: drop the beaten, then merge
  // the two position-sorted runs from the back into the grown vector.
  size_t nk = 0;
  for (size_t i = 0; i < k.size(); ++i) {
    if (drop[i]) continue;
    if (nk != i) k[nk] = std::move(k[i]);
    ++nk;
  }
  k.resize(nk + accepted.size());
  size_t ki = nk, ai = accepted.size(), o = k.size();
  while (ai > 0) {
    if (ki > 0 && ByPosition(fresh[accepted[ai - 1]], k[ki - 1]))
      k[--o] = std::move(k[--ki]);
    else
      k[--o] = std::move(fresh[accepted[--ai]]);
  }
}

void AssignIds(std::vector<Mention>* mentions) {
  for (size_t i = 0; i < mentions->size(); ++i) (*mentions)[i].id = "m" + std::to_string(i + 1);
}

}  // namespace dossier
