split: heldout
title: team-written 2018-style partisan US news story on immigration, a senator, the media and a foreign leader (held out: written by helper mkp before running dossier on it, never tuned on)

Senator Dana Whitcombe went on television Tuesday night to defend the administration's [[loaded_language reckless]] border plan, and the performance was [[loaded_language a trainwreck]]. For twenty minutes the senator dodged questions about the thousands of families stranded at the crossing at Port Ellis, repeating the same talking points her staff had clearly handed her.

Whitcombe insisted the policy was working. [[doubt Working for whom, exactly?]] Since the plan took effect in March, shelters in three border counties have run out of beds, and local pastors say they have turned away mothers with infants. The senator did not mention any of that. Instead she blamed "activists" and the press.

The [[name_calling open-borders crowd]] in Washington has spent two years pretending there is no crisis, and now that the crisis is on the evening news they want to pretend it is someone else's fault. [[whataboutism_straw_man_red_herring But when the last administration detained children at the same crossing, not one of these senators said a word]].

Her allies in the media were no better. Within an hour of the interview, the [[name_calling fake news networks]] were running segments praising her "composure." One anchor called the plan "tough but fair." [[doubt Nobody asked why the senator's own office refused to release the shelter figures]].

Whitcombe has tied the plan to her friendship with President Alvaro Reyes of the neighbouring republic, whom she has called "a partner in security." Reyes is a [[name_calling strongman]] who jailed three newspaper editors last year and whose police [[loaded_language brutally]] cleared a protest camp in the capital. Human rights groups have compared his rule to [[bandwagon_reductio_ad_hitlerum the worst days of Stalin]]. That is the man the senator wants American families to trust with their safety.

[[appeal_to_authority Every serious economist agrees]] the plan will cost more than it saves. [[appeal_to_authority According to a top Harvard scholar, the detention system is the most wasteful program in the federal budget]]. And the human cost is [[exaggeration_minimisation beyond anything this country has seen]].

The senator's defenders say the country has no choice. [[black_and_white_fallacy Either we lock down the border completely or we stop having a country at all]], one of her aides told reporters outside the hearing room. That is the kind of thinking that got us here.

[[causal_oversimplification The crisis at Port Ellis exists for one reason: Dana Whitcombe and her friends decided that cruelty was good politics]]. Every stranded family, every empty shelter bed, every shuttered clinic traces back to that choice.

Whitcombe's office put out a statement on Wednesday morning calling the criticism "partisan noise" and saying the senator would "not be bullied." [[thought_terminating_cliche Enough is enough]], the statement concluded. [[thought_terminating_cliche It is what it is]], a spokesman added when reporters pressed him on the shelter numbers.

It is not what it is. It is a choice, and it is a [[loaded_language shameful]] one. The [[name_calling open-borders crowd]] will say this is about politics. It is about mothers sleeping on the pavement in the desert heat while a senator smiles for the cameras.

Voters in her state are already noticing. [[bandwagon_reductio_ad_hitlerum Everyone in Port Ellis knows]] who is responsible, and polls show her lead shrinking in the rural counties that sent her to Washington. [[appeal_to_fear If she wins again, the next town to be overrun could be yours]].

[[flag_waving Real Americans do not turn away a mother at the door]]. [[flag_waving This nation was built by people who took in strangers]], and it will not be saved by a senator who treats them as a campaign prop. [[slogans Families, not fences!]] the protesters outside her office chanted on Wednesday. They have a point.

The senator has until the end of the month to release the shelter figures. [[doubt Don't hold your breath]].
