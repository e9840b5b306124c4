split: dev
title: team-written partisan blog post on a museum, a streaming show and the press (dev: written by helper mk18 in session 18; the session-18 rows were tuned on it)

The national museum has taken down the portrait of the city's founder, and the [[name_calling cultural commissars]] who run it call that progress. [[doubt The official story]] is that the painting needed restoration. [[doubt Funny how]] the restorers only ever find damage on the heroes of the past. [[doubt Nobody has explained]] who signed the order.

The board's new code of conduct for visitors reads like something [[bandwagon_reductio_ad_hitlerum straight out of the Soviet playbook]]. Its approved-words list uses [[bandwagon_reductio_ad_hitlerum the same tactics Goebbels used]] in the 1930s, and the [[name_calling hall monitors]] on social media cheer every new rule. [[bandwagon_reductio_ad_hitlerum This is what Stalin did]] to the history books.

[[appeal_to_authority Scientists have long warned]] that children who never learn their own history lose their sense of belonging. [[appeal_to_authority As any historian will tell you]], a nation that forgets its past has no future. [[causal_oversimplification The sole reason]] our schools are failing is that they stopped teaching it.

Meanwhile a streaming service has released a series that mocks small-town churchgoers. [[whataboutism_straw_man_red_herring Imagine the outcry if]] the same show mocked any other faith. [[flag_waving This is a country built by farmers, soldiers and believers]], and they deserve better than sneering from Hollywood's [[name_calling coastal elites]].

[[appeal_to_fear Before it is too late]], write to your representative. [[thought_terminating_cliche It is not rocket science]]. [[thought_terminating_cliche Say no more]]. The museum reopens on Saturday at 10 a.m.
