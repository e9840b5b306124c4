split: heldout
title: team-written opinion paragraphs (held out: written before tuning, never tuned on)

Once again the [[loaded_language occupiers]] in the harbour city have shown their true face. Their [[scare_quotes "security operation"]] was a [[loaded_language savage]] assault on people who had [[exaggeration_minimisation nothing but]] stones.

The [[doubt so-called]] independent inquiry will change nothing. [[doubt If you believe]] the commander, his soldiers fired only warning shots. [[whataboutism_straw_man_red_herring And what about]] the children buried last spring?

[[bandwagon_reductio_ad_hitlerum The whole world knows]] who gives the orders. The generals are [[name_calling war criminals]], and their allies abroad are [[name_calling lackeys]] who repeat every [[loaded_language lie]].

[[black_and_white_fallacy You are either with the people or]] with the [[name_calling tyrants]]; [[black_and_white_fallacy there is no middle ground]]. If we look away, [[appeal_to_fear our children could be next]].

Poverty in the port is [[causal_oversimplification all because of]] the blockade. [[thought_terminating_cliche At the end of the day]], [[thought_terminating_cliche the facts speak for themselves]]. [[slogans Free the harbour!]]
