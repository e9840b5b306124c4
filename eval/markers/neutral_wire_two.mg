split: neutral
title: team-written wire reporting with no technique (the false-positive suite)

The European Union extended its sanctions regime against six companies on Monday, saying they had supplied fuel to the armed forces. The measures freeze the companies' assets and bar EU firms from trading with them.

Officials said the visa regime for students would be eased from September, and that the treaty on border crossings would be reviewed at a meeting in May.

The interior ministry said police had arrested 12 people suspected of belonging to a group that the government lists as a terrorist organization. Their lawyers said they would appeal.

An explosion at a fuel depot near the port killed three workers and injured seven, the civil defence service said. The cause of the blast was not known, and an investigation had been opened.

The central bank kept its main interest rate unchanged at 9 percent. The currency has lost about a third of its value against the dollar since January, traders said.

Voters in the northern districts will elect a new council on Sunday. Turnout in the last election, in 2019, was 41 percent, according to the electoral commission.
