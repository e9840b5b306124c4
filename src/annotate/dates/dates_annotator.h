// The dates layer as an Annotator: DateFinder over the document's text and
// sentences, anchored to meta.published (which --published fills), written as
// Mentions of kind "date".
#ifndef DOSSIER_ANNOTATE_DATES_DATES_ANNOTATOR_H_
#define DOSSIER_ANNOTATE_DATES_DATES_ANNOTATOR_H_

#include "annotate/dates/date_finder.h"
#include "dossier/annotator.h"

namespace dossier {

class DatesAnnotator : public Annotator {
 public:
  explicit DatesAnnotator(const Lexicon& lexicon) : finder_(lexicon) {}
  std::string_view Name() const override { return "dates"; }
  void Annotate(const Document& doc, std::vector<Mention>* out) const override;
  const DateFinder& finder() const { return finder_; }

 private:
  DateFinder finder_;
};

}  // namespace dossier

#endif  // DOSSIER_ANNOTATE_DATES_DATES_ANNOTATOR_H_
