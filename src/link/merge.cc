#include "link/merge.h"

#include <algorithm>
#include <iterator>
#include <map>
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

void MergeMentions(std::vector<Mention> fresh, std::vector<Mention>* kept) {
  // Within one annotator, the same rule: longest, then most confident first.
  fresh.erase(std::remove_if(fresh.begin(), fresh.end(),
                             [](const Mention& m) { return m.span.end <= m.span.begin; }),
              fresh.end());
  std::stable_sort(fresh.begin(), fresh.end(), [](const Mention& a, const Mention& b) {
    return Beats(a, b);
  });
  std::vector<Mention>& k = *kept;
  std::sort(k.begin(), k.end(), ByPosition);
  std::vector<bool> drop(k.size(), false);
  std::vector<Mention> accepted;
  std::map<uint32_t, uint32_t> taken;
  for (Mention& m : fresh) {
    // Kept mentions never overlap each other, so sorted by begin they are
    // sorted by end too: the first that could overlap m is the first that
    // ends after m begins.
    auto it = std::lower_bound(k.begin(), k.end(), m.span.begin,
                               [](const Mention& x, uint32_t b) { return x.span.end <= b; });
    bool wins = true;
    std::vector<size_t> beaten;
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
    // taken maps begin -> end of accepted spans, which never overlap.
    auto next = taken.lower_bound(m.span.begin);
    if (next != taken.end() && next->first < m.span.end) continue;
    if (next != taken.begin() && std::prev(next)->second > m.span.begin) continue;
    taken.emplace(m.span.begin, m.span.end);
    for (size_t i : beaten) {
      drop[i] = true;
      m.evidence.push_back("over " + k[i].kind + " " + k[i].rule);
    }
    accepted.push_back(std::move(m));
  }
  std::vector<Mention> out;
  out.reserve(k.size() + accepted.size());
  for (size_t i = 0; i < k.size(); ++i)
    if (!drop[i]) out.push_back(std::move(k[i]));
  for (Mention& m : accepted) out.push_back(std::move(m));
  std::sort(out.begin(), out.end(), ByPosition);
  k = std::move(out);
}

void AssignIds(std::vector<Mention>* mentions) {
  for (size_t i = 0; i < mentions->size(); ++i) (*mentions)[i].id = "m" + std::to_string(i + 1);
}

}  // namespace dossier
