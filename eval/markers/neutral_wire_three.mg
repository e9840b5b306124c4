split: neutral
title: team-written wire reporting with no technique (the false-positive suite)

Rescue workers pulled four people alive from the rubble of a building that collapsed after heavy rain in the old quarter on Saturday, the fire service said. Two residents were still missing.

The health ministry reported 214 new cases of cholera in the week to Thursday, most of them in camps for displaced families. The World Health Organization said it had sent 50,000 doses of vaccine.

Farmers in the valley said the harvest had been delayed by the fighting, and that the price of wheat at local markets had doubled since the spring.

The army said it had opened a humanitarian corridor for civilians to leave the besieged district between 8 a.m. and 2 p.m. each day. Aid agencies said few people had used it so far.

A court in the capital sentenced a former official to seven years in prison for taking bribes, the prosecutor's office said. The official denied the charges and said he would appeal.

The two delegations agreed to meet again in three weeks. A joint statement said the talks had been constructive and that technical teams would work on the details.
