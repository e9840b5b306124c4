// The second kind of stage: a layer that needs the final entity mentions
// (after every annotator, the merge and metonymy) and writes whole-document
// records of its own (voice, citations, claims). Unlike an Annotator it gets
// the Document itself: it may add mentions of its own kinds (documents,
// unnamed sources) as long as doc->mentions stays sorted and non-overlapping,
// and it runs before ids are assigned, so what it adds gets an id like any
// other mention. It refers to mentions by index into doc->mentions.
// Registry: DocumentLayerRegistry() in src/pipeline/registry.cc.
#ifndef DOSSIER_DOCUMENT_LAYER_H_
#define DOSSIER_DOCUMENT_LAYER_H_

#include <string_view>

#include "dossier/document.h"

namespace dossier {

class DocumentLayer {
 public:
  virtual ~DocumentLayer() = default;
  // Short layer name reported in versions.layers ("voice").
  virtual std::string_view Name() const = 0;
  // Fills this layer's fields of *doc from its text, segments and mentions.
  // Mentions it adds keep doc->mentions sorted by span and non-overlapping,
  // each inside one sentence with `sentence` set. Must be safe to call from
  // many threads at once (on different documents) and must not fail: odd
  // input gives fewer records, never an error.
  virtual void Apply(Document* doc) const = 0;
  // True if the layer's rules and tables are English (event verbs, loaded
  // words): it is not run on a document detected as another language,
  // where it would read garbage.
  virtual bool EnglishOnly() const { return true; }
};

}  // namespace dossier

#endif  // DOSSIER_DOCUMENT_LAYER_H_
