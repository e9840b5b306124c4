split: dev
title: team-written wire report with quoted charged words (development)

Fighting resumed on Tuesday near the northern crossing, where government troops and opposition fighters have traded fire for a week, local officials said.

"These [[loaded_language butchers]] shelled our market again," a shopkeeper told reporters. The army said it had targeted [[name_calling terrorists]] hiding in the old town, and denied that civilians were hurt.

Aid groups said about 4,000 people had left the area since Sunday. The opposition called the army's statement a [[loaded_language lie]].

A ceasefire agreed in March collapsed within days. Diplomats said a new round of talks could start next month.
