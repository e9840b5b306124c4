split: heldout
title: team-written op-ed on drug prices, a school board and a currency slide (held-out: written by helper mk18 in session 18 before any run on it; the tables were not changed for what it misses)

The pharmaceutical lobby spent forty million dollars this year fighting the pricing bill, and [[doubt nobody in Washington has explained why]] the vote was delayed twice. [[doubt We are invited to believe]] that the delay was a scheduling problem. [[doubt How convenient]] that the committee chairman spent that week at a golf resort owned by a drug maker. [[thought_terminating_cliche Let that sink in]].

[[appeal_to_authority As every serious health economist knows]], price caps do not stop research. [[appeal_to_authority Doctors have long warned]] that patients skip doses they cannot afford. The industry's [[name_calling hired guns]] on cable news tell a different story, but they are [[whataboutism_straw_man_red_herring the same people who]] promised that insulin prices would fall on their own. The [[name_calling career politicians]] on the committee have taken their money for years.

[[causal_oversimplification This all comes down to]] greed. The shortages, the closed pharmacies and the rationed pills exist [[causal_oversimplification for one reason and one reason only]]. [[appeal_to_fear If Congress does nothing, thousands of patients will die waiting]]. [[appeal_to_fear The clock is ticking]].

Closer to home, the county school board wants to rewrite the history curriculum. Its chairwoman, a [[name_calling woke scold]] who has never taught a class, says the change is about accuracy. [[whataboutism_straw_man_red_herring Where was her concern for accuracy when]] the board cut music and art to pay consultants? Her plan to have students report teachers who stray from the script is [[bandwagon_reductio_ad_hitlerum a page from the East German playbook]], and [[bandwagon_reductio_ad_hitlerum the same trick Goebbels used]]: control the classroom and you control the country.

[[flag_waving Our grandparents did not storm the beaches of Normandy so that a committee could tell our children what to think]]. Parents will speak at the board meeting on Thursday at 7 p.m. [[thought_terminating_cliche Facts are facts]].

On state television the story is simpler. The anchor said the currency lost a third of its value [[causal_oversimplification solely because of]] foreign speculators and the [[name_calling fifth column]] that serves them, and that [[bandwagon_reductio_ad_hitlerum the whole nation stands behind]] the central bank. [[doubt The official story]] leaves out the bank's own printing presses. The central bank did not respond to a request for comment.
