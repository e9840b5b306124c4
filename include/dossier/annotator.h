// The annotator seam: each entity layer (dates, quantities, places, actors and
// people) is a const, thread-safe object that reads a segmented Document and
// appends the mentions it finds. It never edits the document; the pipeline
// (link step) merges every annotator's mentions, resolves overlaps, sorts
// them and assigns ids. Registry: src/pipeline/registry.cc.
#ifndef DOSSIER_ANNOTATOR_H_
#define DOSSIER_ANNOTATOR_H_

#include <string_view>
#include <vector>

#include "dossier/document.h"

namespace dossier {

class Annotator {
 public:
  virtual ~Annotator() = default;
  // Short layer name reported in versions.layers ("places").
  virtual std::string_view Name() const = 0;
  // Appends to *out the mentions found in `doc` (text, sentences, tokens,
  // quotes, meta; doc.mentions holds the merged mentions of the annotators
  // that ran before this one). Spans are byte spans in doc.text, each inside
  // one sentence; `sentence` must be set. Must be safe to call from many
  // threads at once.
  virtual void Annotate(const Document& doc, std::vector<Mention>* out) const = 0;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATOR_H_
