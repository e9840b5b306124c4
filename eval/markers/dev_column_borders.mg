split: dev
title: team-written opinion column on migration, crime and the press (dev: the session-15 lexicon was tuned on it)

The governor's new policy is a [[loaded_language reckless]] gamble with public safety. [[loaded_language Dangerous]] criminals are walking free while the [[name_calling open-borders crowd]] congratulates itself on television.

The [[name_calling liberal elites]] who dreamed up this plan live behind gates. They will never see the [[loaded_language chaos]] on our streets, the [[loaded_language crime wave]] in our neighbourhoods, or the [[loaded_language devastated]] families left behind. Their friends in the [[loaded_language corrupt]] media call every critic a [[name_calling bigot]].

This is not a policy; it is a [[loaded_language disgrace]]. The numbers they publish are [[loaded_language cooked]], the hearings were [[loaded_language rigged]], and the [[doubt alleged]] savings exist only on paper. [[doubt Ask yourself why]] the report was released on a Friday night.

[[appeal_to_fear Unless we act now, our cities will be overrun]]. [[flag_waving Our proud nation]] deserves leaders with a spine, not [[name_calling cowards]] who [[loaded_language grovel]] before every foreign [[name_calling despot]].

The governor's allies call this [[loaded_language fearmongering]]. [[whataboutism_straw_man_red_herring Where were they when]] the factory towns were [[loaded_language abandoned]]? [[bandwagon_reductio_ad_hitlerum Every honest citizen knows]] the answer.

His spokesman is a [[name_calling clown]], his advisers are [[name_calling radical ideologues]], and his record is a [[loaded_language catastrophe]]. [[thought_terminating_cliche It is what it is]]. [[slogans Secure the border, save the nation!]]
