split: heldout
title: team-written opinion column on domestic politics (held out: written before the session-15 lexicon work, never tuned on)

The Senate vote on Thursday was nothing short of a [[loaded_language betrayal]]. For months the [[name_calling career politicians]] in the capital promised to protect working families, and then they [[loaded_language caved]] to the lobbyists the moment the cameras were gone.

Make no mistake: this bill is a [[loaded_language disaster]] for every small town in the country. It will [[loaded_language gut]] rural hospitals, [[loaded_language crush]] farmers under new fees, and hand billions to the same [[name_calling corporate cronies]] who wrote it. The [[doubt so-called]] experts who praised it on television have never set foot in a factory.

Senator Hale, the bill's sponsor, calls it a compromise. [[doubt What he does not tell you]] is who paid for his last campaign. His defenders in the press are [[name_calling shameless propagandists]], and their [[loaded_language hysterical]] attacks on anyone who asks questions are [[exaggeration_minimisation the oldest trick in the book]].

[[black_and_white_fallacy Either we stand up now, or]] we lose this country for good. [[appeal_to_fear If this law passes, your job could be the next one shipped overseas]]. Real [[flag_waving patriots]] know that [[flag_waving our nation was built by people who refused to back down]].

[[bandwagon_reductio_ad_hitlerum Millions of Americans already agree]]. [[thought_terminating_cliche Enough is enough]]. [[slogans Take back our towns!]]

The [[loaded_language radical]] activists behind this scheme will say anything to win, and the [[loaded_language spineless]] leadership will let them.
