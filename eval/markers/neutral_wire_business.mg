split: neutral
title: team-written wire reports on a rate case, a dock dispute, a museum and a platform (neutral: written by helper mk18 in session 18; plain reporting, no marks)

The state utility commission on Monday approved a 4.2 percent rise in household electricity rates, the second increase this year. The company said higher fuel costs and grid repairs after the February storms accounted for most of the change. Consumer groups had asked for a smaller rise, and one commissioner voted against it. Analysts have long said the region's grid needs new transmission lines, and the company plans to spend $1.3 billion on them by 2030.

Talks between the dock workers' union and port operators resumed on Tuesday after a three-week stoppage. Both sides said they were close to an agreement on pay but remained apart on pensions. The transport ministry said it would appoint a mediator if no deal was reached by Friday. Shipping lines have diverted about 40 vessels to other ports since the stoppage began.

The national museum said a portrait of the city's founder had been moved to its conservation studio, where specialists will repair damage to the canvas caused by humidity. The work is expected to take six months. Where the painting will hang when it returns has not been decided, a spokeswoman said.

A video platform removed 312 channels in the third quarter for breaking its rules on medical claims, according to its transparency report. Appeals were filed in about a fifth of the cases, and 41 channels were restored. The company said the sole reason for most removals was repeated posting of content already taken down. It is not clear whether the rules will change next year.
