split: dev
title: team-written partisan column on tech platforms and a health mandate (dev: written by helper mk18 in session 18 before the session's second round of rows)

The [[name_calling Silicon Valley overlords]] have struck again. This week the largest video platform [[loaded_language purged]] hundreds of channels that questioned the mandate, and the [[loaded_language compliant]] press [[loaded_language cheered]] the [[loaded_language censorship]] as a victory for public health. [[doubt Who decided]] what counts as misinformation? [[doubt Nobody will say]].

The mandate itself was [[loaded_language rammed through]] without a single hearing. Its architects, a [[loaded_language cabal]] of [[loaded_language unelected]] bureaucrats, insist that it is temporary. [[doubt We have heard that before]]. Every emergency power of the last twenty years was temporary, and every one of them is still on the books.

[[appeal_to_authority Thousands of doctors have signed a letter]] against the rule, yet the networks ignored it. [[whataboutism_straw_man_red_herring The same networks that]] ran wall-to-wall coverage of every protest they liked could not find a camera for this one. The [[loaded_language hypocrisy]] is [[exaggeration_minimisation staggering]].

[[appeal_to_fear Today it is your video channel; tomorrow it will be your bank account]]. [[bandwagon_reductio_ad_hitlerum Millions of ordinary people]] already see what is happening. [[flag_waving Free speech is the birthright of every citizen of this republic]], and no company in California gets to take it away.

The platform said in a statement that it removes content that breaks its rules and that appeals can be filed within 30 days.
