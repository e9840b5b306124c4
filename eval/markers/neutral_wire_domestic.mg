split: neutral
title: team-written sober wire report on a domestic political topic, a state budget vote (the false-positive suite; written by helper mkp before running dossier on it)

The state legislature approved a $48 billion budget on Thursday after a four-hour debate, sending the spending plan to the governor two days before the start of the fiscal year.

The House passed the measure 61 to 38, largely along party lines, and the Senate followed with a 21 to 16 vote later in the afternoon. Governor Ellen Marsh is expected to sign the bill next week, her spokesman said.

The budget increases spending on public schools by 3.1 percent and sets aside $410 million for road and bridge repairs. It also includes a one-time payment of $250 to state employees and a small increase in funding for community colleges.

Lawmakers from the minority party said the plan relied too heavily on reserves. Representative Carl Oduya, the ranking member of the appropriations committee, said the state would draw down about $600 million from its rainy-day fund over two years. "We are using savings to pay for recurring costs," he said during the floor debate. "That is a decision we will have to revisit."

Supporters said the reserve would remain above the level recommended by the state's nonpartisan fiscal office. Senator Maria Lindqvist, who chairs the Senate finance committee, said the draw-down was intended to cover higher health insurance costs for state workers while a new contract is negotiated.

The fiscal office estimated in a report last month that revenue would grow by about 2 percent next year, down from 4.5 percent the year before, mainly because of slower growth in sales tax receipts.

The bill does not include a proposed cut to the corporate income tax, which the governor had listed as a priority in January. Legislative leaders said the proposal would be taken up in a special session in the autumn. The governor's office said it would continue to work with lawmakers on the measure.

A provision that would have changed the formula for distributing school aid among districts was removed during negotiations on Wednesday night. Several rural lawmakers had said the change would reduce funding for small districts. Education department officials said they would present a revised formula to a legislative study group by December.

The budget also extends a program that provides grants to counties for emergency dispatch centres and adds 40 positions to the state police. The department of corrections will receive an additional $22 million, mostly for staff salaries.

Two advocacy groups for people with disabilities said they were disappointed that a proposed increase in payments to home care providers was reduced from 5 percent to 2 percent. A spokeswoman for the department of human services said the agency would monitor staffing levels at providers.

The state's unemployment rate was 3.9 percent in May, according to the labour department, slightly below the national rate.

The governor has 10 days to act on the bill once it reaches her desk. She may veto individual spending items under the state constitution.
