#include "link/merge.h"

#include <algorithm>
#include <charconv>
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

// Mentions are heavy (strings, boxed values, evidence), so everything here
// orders indices and moves each mention at most once, straight to its final
// slot.
void MergeMentions(std::vector<Mention> fresh, std::vector<Mention>* kept) {
  std::vector<Mention>& k = *kept;
  if (!std::is_sorted(k.begin(), k.end(), ByPosition)) std::sort(k.begin(), k.end(), ByPosition);
  // Within one annotator, the same rule: longest, then most confident first,
  // then in emitted order (what a stable sort by Beats gives). Sorted as
  // small keys, not through the mentions.
  struct Rank {
    uint32_t length, index;
    double confidence;
  };
  std::vector<Rank> ranks;
  ranks.reserve(fresh.size());
  uint32_t limit = 0;
  for (uint32_t i = 0; i < fresh.size(); ++i) {
    const Span s = fresh[i].span;
    if (s.end <= s.begin) continue;
    ranks.push_back({s.end - s.begin, i, fresh[i].confidence});
    limit = std::max(limit, s.end);
  }
  // The order only settles fresh mentions that meet: two that overlap, or
  // two that overlap one kept mention (the first to beat it drops it). When
  // none do (the fresh spans in text order, apart, and no kept mention
  // reaching from one to the next: the usual case), each one's fate is its
  // own, and the sort and the bytes taken below are skipped.
  bool independent = true;
  for (size_t r = 0, j = 0, reached = 0; r < ranks.size() && independent; ++r) {
    const Span s = fresh[ranks[r].index].span;
    const uint32_t prev_end = r > 0 ? fresh[ranks[r - 1].index].span.end : 0;
    // j: the first kept mention ending after s begins; `reached`: one past
    // the last that overlaps the previous fresh mention.
    while (j < k.size() && k[j].span.end <= s.begin) ++j;
    independent = s.begin >= prev_end && j >= reached;
    for (reached = j; reached < k.size() && k[reached].span.begin < s.end;) ++reached;
  }
  if (!independent)
    std::sort(ranks.begin(), ranks.end(), [](const Rank& a, const Rank& b) {
      if (a.length != b.length) return a.length > b.length;
      if (a.confidence > b.confidence || b.confidence > a.confidence)
        return a.confidence > b.confidence;
      return a.index < b.index;
    });
  std::vector<uint8_t> drop(k.size(), 0);
  std::vector<uint32_t> accepted;
  accepted.reserve(ranks.size());
  // Bytes held by accepted fresh spans (they never overlap each other), one
  // bit a byte up to the furthest fresh end. MaskOf(w, b, e) is the part of
  // [b, e) in word w: bits (b - 64w) .. (e - 1 - 64w), clipped to 0..63.
  std::vector<uint64_t> taken(independent ? 0 : limit / 64 + 1, 0);
  auto mask_of = [](uint32_t w, uint32_t b, uint32_t e) {
    uint64_t m = ~uint64_t{0};
    if (w == b >> 6) m &= ~uint64_t{0} << (b & 63);
    if (w == (e - 1) >> 6) m &= ~uint64_t{0} >> (63 - ((e - 1) & 63));
    return m;
  };
  auto any_taken = [&](uint32_t b, uint32_t e) {  // b < e
    for (uint32_t w = b >> 6; w <= (e - 1) >> 6; ++w)
      if (taken[w] & mask_of(w, b, e)) return true;
    return false;
  };
  auto take = [&](uint32_t b, uint32_t e) {
    for (uint32_t w = b >> 6; w <= (e - 1) >> 6; ++w) taken[w] |= mask_of(w, b, e);
  };
  std::vector<size_t> beaten;
  bool any_drop = false;
  size_t next = 0;  // independent: where the last one's kept mentions began
  for (const Rank& r : ranks) {
    const uint32_t fi = r.index;
    Mention& m = fresh[fi];
    // Kept mentions never overlap each other, so sorted by begin they are
    // sorted by end too: the first that could overlap m is the first that
    // ends after m begins (found by stepping on when m comes in text order).
    auto it = k.begin();
    if (independent) {
      while (next < k.size() && k[next].span.end <= m.span.begin) ++next;
      it += static_cast<ptrdiff_t>(next);
    } else {
      it = std::lower_bound(k.begin(), k.end(), m.span.begin,
                            [](const Mention& x, uint32_t b) { return x.span.end <= b; });
    }
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
    if (!independent) {
      if (any_taken(m.span.begin, m.span.end)) continue;
      take(m.span.begin, m.span.end);
    }
    for (size_t i : beaten) {
      drop[i] = 1;
      any_drop = true;
      const Mention& x = k[i];
      std::string line;
      line.reserve(6 + x.kind.size() + x.rule.size());
      line.append("over ").append(x.kind).append(" ").append(x.rule);
      m.evidence.push_back(std::move(line));
    }
    accepted.push_back(fi);
  }
  if (accepted.empty() && !any_drop) return;
  // Accepted spans are non-empty and never overlap, so their positions are
  // distinct and any position-sorted order is the same order. Annotators
  // mostly emit in text order: take index order, sort only if that is not it.
  std::sort(accepted.begin(), accepted.end());
  const bool index_order =
      std::is_sorted(accepted.begin(), accepted.end(),
                     [&](uint32_t a, uint32_t b) { return ByPosition(fresh[a], fresh[b]); });
  if (!index_order)
    std::sort(accepted.begin(), accepted.end(),
              [&](uint32_t a, uint32_t b) { return ByPosition(fresh[a], fresh[b]); });
  const size_t old_size = k.size(), na = accepted.size();
  if (old_size == 0 && index_order) {
    // Nothing kept yet: the result is the accepted fresh mentions in their
    // own order, gathered to the front of `fresh` (accepted is increasing,
    // so accepted[a] >= a) and handed over whole.
    for (size_t a = 0; a < na; ++a)
      if (accepted[a] != a) fresh[a] = std::move(fresh[accepted[a]]);
    fresh.resize(na);
    k.swap(fresh);
    return;
  }
  // Calls kept_at(i, slot) and fresh_at(a, slot) for every surviving kept
  // mention and accepted fresh one, in final order: the two position-sorted
  // runs merged, a kept mention first when neither precedes the other.
  // Returns the number of slots.
  auto walk = [&](auto kept_at, auto fresh_at) {
    size_t slot = 0;
    for (size_t ki = 0, ai = 0; ki < old_size || ai < na;) {
      if (ki < old_size && drop[ki]) {
        ++ki;
      } else if (ai < na && (ki == old_size || ByPosition(fresh[accepted[ai]], k[ki]))) {
        fresh_at(ai++, slot++);
      } else {
        kept_at(ki++, slot++);
      }
    }
    return slot;
  };
  const size_t total = old_size - static_cast<size_t>(std::count(drop.begin(), drop.end(), 1)) + na;
  if (total > k.capacity()) {
    // Growing in place would move every mention into new storage and then
    // again to its slot: move each once, straight into a new vector. Twice
    // the room needed, so that the next annotator's mentions (as many again,
    // at most, in the standard layers) merge in place: a growth moves every
    // mention, merging in place only those after the first new one.
    std::vector<Mention> out;
    out.reserve(2 * total);
    walk([&](size_t i, size_t) { out.push_back(std::move(k[i])); },
         [&](size_t a, size_t) { out.push_back(std::move(fresh[accepted[a]])); });
    k.swap(out);
    return;
  }
  // In place. to[i] is the final slot of kept mention i, fresh_to[a] that of
  // accepted mention a. Slots increase with i, so a kept mention moving
  // down (to[i] < i) only lands on a slot already vacated by one before it,
  // or on a dropped one; one moving up (to[i] > i), taken from the back,
  // only on one vacated after it, a dropped one or a new one. The accepted
  // fresh mentions then fill the slots left. Mentions whose slot does not
  // change are not touched.
  std::vector<uint32_t> to(old_size), fresh_to(na);
  walk([&](size_t i, size_t slot) { to[i] = static_cast<uint32_t>(slot); },
       [&](size_t a, size_t slot) { fresh_to[a] = static_cast<uint32_t>(slot); });
  if (total > old_size) k.resize(total);
  for (size_t i = 0; i < old_size; ++i)
    if (!drop[i] && to[i] < i) k[to[i]] = std::move(k[i]);
  for (size_t i = old_size; i-- > 0;)
    if (!drop[i] && to[i] > i) k[to[i]] = std::move(k[i]);
  for (size_t a = 0; a < na; ++a) k[fresh_to[a]] = std::move(fresh[accepted[a]]);
  k.resize(total);
}

void AssignIds(std::vector<Mention>* mentions) {
  // Written in place: no temporary string per id (an id fits in the
  // string's own buffer).
  char id[24] = {'m'};
  for (size_t i = 0; i < mentions->size(); ++i)
    (*mentions)[i].id.assign(id, std::to_chars(id + 1, id + sizeof id, i + 1).ptr);
}

}  // namespace dossier
