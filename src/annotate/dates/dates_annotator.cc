#include "annotate/dates/dates_annotator.h"

namespace dossier {

void DatesAnnotator::Annotate(const Document& doc, std::vector<Mention>* out) const {
  // Kept from document to document: most of the cost of a fresh vector was
  // its growth, a move of every DateMention at each step.
  thread_local std::vector<DateMention> found;
  finder_.FindInto(doc.text, doc.sentences, doc.meta.published, &found);
  size_t si = 0;
  out->reserve(out->size() + found.size());
  for (DateMention& d : found) {
    Mention& m = out->emplace_back();  // built in place: a Mention is big
    m.kind = "date";
    m.span = d.span;
    while (si < doc.sentences.size() && doc.sentences[si].end <= d.span.begin) ++si;
    m.sentence = si < doc.sentences.size() ? static_cast<int>(si) : -1;
    DateValue& v = m.date.emplace();
    v.value = std::move(d.value);
    v.value_end = std::move(d.value_end);
    v.precision = PrecisionName(d.precision);
    v.relative = d.relative;
    v.anchor = std::move(d.anchor_used);
    m.rule.reserve(5 + d.rule.size());
    m.rule.append("date:").append(d.rule);
    v.rule = std::move(d.rule);
    if (v.relative && doc.explain) m.evidence.push_back("anchored to " + v.anchor);
    // Lower for guesses: relative dates and day/month order by assumption.
    m.confidence = v.rule.find("ambiguous") != std::string::npos ? 0.6 : v.relative ? 0.8 : 0.9;
  }
}

}  // namespace dossier
