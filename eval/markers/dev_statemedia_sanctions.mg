split: dev
title: team-written commentary in the style of a state broadcaster on sanctions and a protest (dev: written by helper mk18 in session 18; the session-18 rows were tuned on it)

The new sanctions announced in Brussels have one purpose: to punish ordinary families. The shortages in our pharmacies exist [[causal_oversimplification for one reason only]], and that reason is the blockade. [[causal_oversimplification Everything comes back to]] the decisions of a few foreign capitals.

[[doubt We are supposed to believe]] that the protest in the capital on Saturday was spontaneous. [[doubt How convenient]] that foreign cameras were waiting on the square before the first banner went up. [[doubt Strangely]], the organisers' website was registered abroad. The [[name_calling fifth columnists]] who marched will not say who paid for their buses.

[[appeal_to_authority Respected analysts have long pointed out]] that such protests follow the same script in every country the West wants to weaken. [[bandwagon_reductio_ad_hitlerum The whole nation stands behind]] the government in this hour of trial. [[flag_waving Our fathers defended this land with their lives]], and we will not surrender it to foreign agents.

[[appeal_to_fear If the West succeeds here, no country will be safe from its [[loaded_language meddling]]]]. The foreign ministry summoned the German ambassador on Monday, and talks on grain exports are due to resume next week.
