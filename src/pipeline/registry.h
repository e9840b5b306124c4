// The one table of annotators, in the order they run: name, one-line
// description and factory. Adding an annotator = a folder under
// src/annotate/, one line in registry.cc, tests, golden cases and a line in
// docs/annotators.md. No static self-registration.
#ifndef DOSSIER_PIPELINE_REGISTRY_H_
#define DOSSIER_PIPELINE_REGISTRY_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dossier/annotator.h"
#include "dossier/document_layer.h"
#include "dossier/lexicon.h"
#include "dossier/status.h"
#include "lexicon/gazetteer.h"

namespace dossier {

// What factories may use. `gazetteer` is null when none could be opened.
struct AnnotatorContext {
  std::shared_ptr<const Lexicon> lexicon;
  std::shared_ptr<const Gazetteer> gazetteer;
};

struct AnnotatorEntry {
  const char* name;         // layer name, as in versions.layers and --layers
  const char* description;  // one line, for `dossier --help` and docs
  // Builds the annotator; a non-OK status means the layer cannot run here
  // (e.g. no gazetteer) and is reported, not fatal, unless it was asked for.
  std::function<Result<std::unique_ptr<Annotator>>(const AnnotatorContext&)> factory;
};

// All annotators, in run order (later ones see earlier ones' mentions).
const std::vector<AnnotatorEntry>& AnnotatorRegistry();

// Layers that run on the whole Document after the annotators, the merge and
// metonymy, before ids are assigned (include/dossier/document_layer.h).
struct DocumentLayerEntry {
  const char* name;         // layer name, as in versions.layers and --layers
  const char* description;  // one line, for docs
  std::function<Result<std::unique_ptr<DocumentLayer>>(const AnnotatorContext&)> factory;
};

// All document layers, in run order.
const std::vector<DocumentLayerEntry>& DocumentLayerRegistry();

}  // namespace dossier

#endif  // DOSSIER_PIPELINE_REGISTRY_H_
