#include "pipeline/registry.h"

#include "annotate/actors/actor_finder.h"
#include "annotate/dates/dates_annotator.h"
#include "annotate/events/events_annotator.h"
#include "annotate/markers/markers_annotator.h"
#include "annotate/places/place_finder.h"
#include "annotate/quantities/quantity_finder.h"
#include "annotate/voice/voice_annotator.h"

namespace dossier {

// Run order matters: quantities skip spans the dates layer took ("2016"),
// and places see the actor and person mentions merged before them.
const std::vector<AnnotatorEntry>& AnnotatorRegistry() {
  static const std::vector<AnnotatorEntry> kRegistry = {
      {"dates", "dates, absolute and relative to the published date (data/date_words.tsv)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<Annotator>> {
         return std::unique_ptr<Annotator>(new DatesAnnotator(*c.lexicon));
       }},
      {"quantities",
       "numbers with qualifier, unit and role: casualties, distances, durations "
       "(data/quantity_*.tsv)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<Annotator>> {
         return std::unique_ptr<Annotator>(new QuantityFinder(*c.lexicon));
       }},
      {"actors",
       "armed groups, states and their organs, IGOs, outlets, agents with modifiers, people "
       "(data/actors.tsv, agents.tsv, titles.tsv, people.tsv, countries)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<Annotator>> {
         return std::unique_ptr<Annotator>(new ActorFinder(*c.lexicon));
       }},
      {"places",
       "place names resolved to the gazetteer and put on the map (gazetteer.bin, "
       "data/places.tsv, data/place_*.tsv)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<Annotator>> {
         if (!c.gazetteer) return NotFound("no gazetteer could be opened");
         return std::unique_ptr<Annotator>(new PlaceFinder(c.gazetteer, *c.lexicon));
       }},
  };
  return kRegistry;
}

// The voice layer needs the final entity mentions (its sources), so it is a
// document layer and runs after every annotator.
const std::vector<DocumentLayerEntry>& DocumentLayerRegistry() {
  static const std::vector<DocumentLayerEntry> kRegistry = {
      {"voice",
       "whose voice each sentence is (author, attributed, quoted, hedged, question), its "
       "source and cue; cited documents; check-worthy claims (data/voice_cues.tsv, "
       "hedges.tsv, document_nouns.tsv, anonymous_sources.tsv, voice_references.tsv, voice_adjuncts.tsv, "
       "claim_cues.tsv)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<DocumentLayer>> {
         return std::unique_ptr<DocumentLayer>(new VoiceAnnotator(*c.lexicon, c.gazetteer));
       }},
      // Events after voice: each event takes the voice and source of the
      // clause its trigger is in.
      {"events",
       "who did what to whom, where and when: PLOVER / CAMEO / ACLED codes, actor, target, "
       "place, date, casualties, modality, voice and repeated mentions (data/event_patterns.tsv, "
       "event_cues.tsv, event_instruments.tsv)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<DocumentLayer>> {
         return std::unique_ptr<DocumentLayer>(new EventsAnnotator(*c.lexicon));
       }},
      // Markers carry the voice of the clause they sit in: after voice.
      {"markers",
       "rhetorical technique markers (loaded language, labels, doubt, exaggeration, fear, "
       "flag waving, ... scare quotes, repetition) with the voice they are in, and the "
       "article's marker profile (data/technique_lexicon.tsv, technique_constructions.tsv, "
       "marker_words.tsv)",
       [](const AnnotatorContext& c) -> Result<std::unique_ptr<DocumentLayer>> {
         return std::unique_ptr<DocumentLayer>(new MarkersAnnotator(*c.lexicon));
       }},
  };
  return kRegistry;
}

}  // namespace dossier
