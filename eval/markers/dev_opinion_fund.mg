split: dev
title: team-written opinion paragraphs (development: the layer is tuned on these)

The [[doubt so-called]] reconstruction fund for Eastern Valoria is [[exaggeration_minimisation nothing more than]] a [[loaded_language slush fund]] for the [[loaded_language regime]] and its [[name_calling cronies]]. [[bandwagon_reductio_ad_hitlerum Everyone knows]] the money never reaches the villages.

[[doubt We are told]] that the donors check every payment. [[doubt Supposedly]] the auditors found nothing. [[whataboutism_straw_man_red_herring What about]] the schools that were promised in 2016?

The governor's [[scare_quotes "reforms"]] have left the province poorer than before. This is an [[appeal_to_fear existential threat]] to [[flag_waving our nation]], and [[black_and_white_fallacy either we stop the payments now or]] we pay for the next war.

[[appeal_to_authority Experts agree]] that theft is [[causal_oversimplification the sole reason]] for the collapse. [[thought_terminating_cliche Make no mistake]]: the [[loaded_language [[repetition regime]]]] will not change. [[slogans Not in our name]]!

The [[loaded_language [[repetition regime]]]] steals, the [[loaded_language [[repetition regime]]]] [[loaded_language lies]], and its [[name_calling thugs]] guard the vaults.
