#include "link/metonymy.h"

#include <cctype>

#include "lexicon/name_key.h"

namespace dossier {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '-'; }

// The word starting at or after byte `i` of `text` (skipping spaces), up to
// `limit`; empty at punctuation other than an apostrophe-s.
std::string_view NextWord(std::string_view text, size_t i, size_t limit) {
  while (i < limit && text[i] == ' ') ++i;
  size_t b = i;
  while (i < limit && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
  return text.substr(b, i - b);
}

std::string_view PrevWord(std::string_view text, size_t end, size_t limit) {
  size_t i = end;
  while (i > limit && text[i - 1] == ' ') --i;
  size_t e = i;
  while (i > limit && IsWordByte(static_cast<unsigned char>(text[i - 1]))) --i;
  return text.substr(i, e - i);
}

}  // namespace

Metonymy::Metonymy(const Lexicon& lexicon) {
  const Table& m = lexicon.table("metonymy");
  int cw = m.Column("word"), ck = m.Column("kind");
  if (cw >= 0 && ck >= 0) {
    for (const auto& row : m.rows) {
      std::string w = FoldName(row[cw]);
      if (w.empty()) continue;
      if (row[ck] == "agent_after") agent_after_.insert(w);
      if (row[ck] == "place_before") place_before_.insert(w);
      if (row[ck] == "agent_before") agent_before_.insert(w);
      if (row[ck] == "agent_aux") agent_aux_.insert(w);
    }
  }
  const Table& c = lexicon.table("countries");
  int cc = c.Column("code"), c3 = c.Column("iso3"), cn = c.Column("name"),
      ccap = c.Column("capital");
  if (cc < 0 || c3 < 0 || cn < 0 || ccap < 0) return;
  for (const auto& row : c.rows) {
    // Several capitals are '|'-separated ("Pretoria|Cape Town|Bloemfontein").
    std::string_view caps = row[ccap];
    while (!caps.empty()) {
      size_t bar = caps.find('|');
      std::string cap = FoldName(caps.substr(0, bar));
      caps = bar == std::string_view::npos ? std::string_view() : caps.substr(bar + 1);
      if (cap.empty()) continue;
      Country k{row[cc], row[c3], row[cn]};
      capitals_.emplace(cap, k);
      // "Washington D.C." is written "Washington".
      size_t sp = cap.find(' ');
      if (sp != std::string::npos) capitals_.emplace(cap.substr(0, sp), k);
    }
  }
}

void Metonymy::Apply(const Document& doc, std::vector<Mention>* mentions) const {
  if (!enabled()) return;
  const std::string_view text = doc.text;
  // Right to left, so "London and Washington were ..." sees Washington's
  // reading when it reaches London.
  const Mention* later_actor = nullptr;  // the capital-turned-actor just after
  for (size_t mi = mentions->size(); mi-- > 0;) {
    Mention& m = (*mentions)[mi];
    const Mention* after_actor = later_actor;
    later_actor = nullptr;
    if (m.kind != "place" || !m.geo || m.geo->feature != "city") continue;
    auto it = capitals_.find(FoldName(std::string_view(text).substr(
        m.span.begin, m.span.end - m.span.begin)));
    if (it == capitals_.end() || it->second.iso2 != m.geo->country) continue;
    const bool in_sentence =
        m.sentence >= 0 && m.sentence < static_cast<int>(doc.sentences.size());
    const size_t sb = in_sentence ? doc.sentences[m.sentence].begin : 0;
    const size_t se = in_sentence ? doc.sentences[m.sentence].end : text.size();
    std::string cue;
    std::string_view after = text.substr(m.span.end, se - m.span.end);
    std::string prev = FoldName(PrevWord(text, m.span.begin, sb));
    if (after.starts_with("'s") || after.starts_with("\u2019s")) {
      cue = "'s";  // "Washington's", "Washington’s"
    } else {
      std::string next = FoldName(NextWord(text, m.span.end, se));
      if (agent_after_.count(next)) {
        cue = next;
      } else if (agent_aux_.count(next)) {
        // "Washington has told", but "Damascus has been shelled".
        std::string_view aux = NextWord(text, m.span.end, se);
        const size_t after_aux = static_cast<size_t>(aux.data() + aux.size() - text.data());
        std::string then = FoldName(NextWord(text, after_aux, se));
        if (then != "been" && then != "become") cue = next;
      } else if ((next == "and" || next == "or") && after_actor != nullptr &&
                 after_actor->span.begin > m.span.end &&
                 after_actor->span.begin - m.span.end <= 6) {
        cue = "coordinated";  // "London and Washington were ..."
      } else if (agent_before_.count(prev)) {
        cue = prev;  // "blamed Moscow", "accuse Washington"
      }
    }
    if (cue.empty()) continue;
    if (cue != prev && place_before_.count(prev)) continue;
    const Country& k = it->second;
    m.evidence.push_back("capital of " + k.iso2 + " used as an agent (cue '" + cue + "'); was " +
                         m.ref + " " + m.name);
    m.kind = "actor";
    m.ref = "actor:" + k.iso3;
    m.name = k.name;
    m.geo.reset();
    m.actor = ActorValue{k.iso2, {"GOV"}, "", ""};
    m.rule = "metonymy:capital+" + cue;
    m.confidence = 0.7;
    later_actor = &m;
  }
}

}  // namespace dossier
