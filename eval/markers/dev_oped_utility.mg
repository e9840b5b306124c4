split: dev
title: team-written op-ed on a utility's rate rise and a city council (dev: written by helper mk18 in session 18; the session-18 rows were tuned on it)

The power company's board approved another rate increase on Monday, the third this year. [[doubt No one has explained why]] a firm that reported record profits needs more of our money. [[doubt We are asked to believe]] that fuel costs forced its hand. [[doubt Conveniently]], the increase was announced the day after the election, and [[doubt nobody has bothered to explain]] where last year's surplus went.

[[appeal_to_authority Any economist worth the name will tell you]] that a monopoly raises prices because it can. [[appeal_to_authority Engineers have warned for years]] that the grid would fail in a hard winter, yet the money went to share buybacks. [[appeal_to_authority As every serious economist knows]], a regulator that never says no is no regulator at all.

[[causal_oversimplification It all comes down to]] one thing: greed. The blackouts, the bills and the shuttered bakeries on Main Street are [[causal_oversimplification all down to]] one boardroom. [[appeal_to_fear If we do nothing, families will freeze in their homes this winter]]. [[appeal_to_fear Mark my words]].

The council's [[name_calling useful idiots]] will vote the increase through on Thursday. They are [[whataboutism_straw_man_red_herring the same people who]] lectured us about affordability last spring. [[whataboutism_straw_man_red_herring But what about]] the pensioners who already choose between heat and food? [[whataboutism_straw_man_red_herring Where was the outrage when]] the chief executive took a forty percent raise?

[[thought_terminating_cliche It is what it is]], the mayor told reporters. The council meets at 6 p.m. in the town hall annex.
