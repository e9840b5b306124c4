split: dev
title: team-written column in a pro-government paper on a dock strike (dev: written by helper mk18 in session 18 before the session's second round of rows)

For the third week running, [[exaggeration_minimisation a handful of]] [[name_calling agitators]] has held the port hostage. The union bosses call it a strike; it is [[loaded_language sabotage]], [[thought_terminating_cliche plain and simple]], [[loaded_language orchestrated]] by [[name_calling foreign-funded activists]] who have never loaded a ship in their lives.

[[doubt It is no secret]] who pays for the strike fund. [[doubt Where does the money come from]]? [[doubt Ask the union's treasurer]], who has refused three times to open the books. [[doubt Draw your own conclusions]].

The government has been [[exaggeration_minimisation more than patient]]. It offered a pay rise, a pension review and a mediator. The [[loaded_language ringleaders]] rejected all three within an hour, because [[loaded_language chaos]] is the point. [[causal_oversimplification Behind every empty shelf in the country stands the same small group]].

[[appeal_to_fear Every day the port stays shut, another factory edges closer to bankruptcy]]. [[flag_waving Our dock workers built this nation's prosperity]], and most of them want to go back to work. [[bandwagon_reductio_ad_hitlerum The silent majority]] has had enough of the [[loaded_language circus]].

[[black_and_white_fallacy Either the port opens on Monday or]] the army will run it. The ministry of transport said talks would continue over the weekend.
