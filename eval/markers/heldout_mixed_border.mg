split: heldout
title: team-written report and commentary (held out)

Border guards detained 14 people near the river crossing on Thursday, the interior ministry said in a statement. The detainees were taken to a nearby town for questioning.

The ministry described the group as [[name_calling criminals]] and [[name_calling infiltrators]] sent by a foreign power. Relatives said the men were farmers who crossed to graze their sheep.

In a commentary, the state newspaper wrote that the country faced a [[appeal_to_fear grave danger]] and that [[flag_waving every patriot]] must stand behind the army. It called the opposition [[name_calling traitors]] and its leaders [[name_calling puppets]] of the West.

Rights groups said the arrests were [[exaggeration_minimisation the latest in a long line]] of detentions along the border. A spokesman for the ministry said the investigation was continuing.
