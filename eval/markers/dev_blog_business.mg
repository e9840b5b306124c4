split: dev
title: team-written populist blog post on a bank rescue and a university (dev: written by helper mk18 in session 18 before the session's fourth round of rows)

The [[name_calling fat cats]] at the bank are celebrating again. Two years after taxpayers rescued them, the same [[name_calling robber barons]] have paid themselves record bonuses, and the regulators who promised reform turned out to be [[name_calling bean counters]] who never read the fine print. This is [[loaded_language crony capitalism]] in its purest form: profits for the few, losses for the rest of us.

The rescue was sold as a loan. It was [[loaded_language corporate welfare]], and the [[loaded_language greedy]] executives knew it from the first day. Meanwhile the [[name_calling vulture capitalists]] who bought the bank's bad debts at ten cents on the dollar are evicting families in three states.

The university across town is no better. Its president has spent the year on [[loaded_language virtue signalling]] while tuition rose by a third. The [[name_calling thought police]] in the student affairs office now vet every guest speaker, and the faculty, safe in their [[loaded_language ivory tower]], call the complaints [[loaded_language pearl-clutching]]. The [[name_calling grifters]] who run the diversity seminars charge $9,000 a session.

The bank said the bonuses were approved by shareholders in May. The university did not respond to questions about the speaker policy.
