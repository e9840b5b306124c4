split: neutral
title: team-written wire reporting with no technique (the false-positive suite)

Government forces and opposition fighters clashed on Wednesday on the outskirts of Marenburg, killing at least nine people, a monitoring group said. The group said five of the dead were soldiers and four were fighters, and that the clashes had stopped by evening.

The defence ministry said its units had repelled an attack on a checkpoint east of the city and had detained two men. The opposition did not comment on the claim.

The United Nations said on Tuesday that about 30,000 people had been displaced in the province since the start of the year. Its humanitarian office said the number of people who needed food aid had risen by a fifth.

A convoy of 18 trucks carrying flour, medicine and blankets reached the town of Ostrava Nova on Monday, the first delivery since October, the World Food Programme said. A second convoy was expected next week if the road stayed open.

The foreign minister will travel to the capital on Friday for talks on a prisoner exchange, his office said. Negotiators from both sides met twice last month but did not reach an agreement.
