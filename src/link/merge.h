// Link: joins the mentions of independent annotators into one consistent
// entities[] list. Annotators may propose overlapping spans ("Abu Kamal" as a
// town and as a person-shaped name; "Syrian Arab Army" and "Syrian"); the
// merge keeps a set of non-overlapping mentions, preferring the longer span,
// then the higher confidence, then the annotator that ran first.
#ifndef DOSSIER_LINK_MERGE_H_
#define DOSSIER_LINK_MERGE_H_

#include <vector>

#include "dossier/document.h"

namespace dossier {

// Merges `fresh` (one annotator's output) into `kept` (the merged mentions of
// the annotators that ran before): a fresh mention that overlaps a kept one
// wins only if it is strictly longer, or as long and strictly more confident;
// the kept ones it beats are dropped (and listed in the winner's evidence).
// Empty or inverted spans are dropped. `kept` stays sorted by (begin, end).
// Ids are not assigned here (AssignIds).
void MergeMentions(std::vector<Mention> fresh, std::vector<Mention>* kept);

// Numbers mentions "m1", "m2", ... in text order.
void AssignIds(std::vector<Mention>* mentions);

}  // namespace dossier

#endif  // DOSSIER_LINK_MERGE_H_
