split: neutral
title: team-written wire copy on domestic politics and business (neutral: should stay nearly clean)

The Senate passed the transport bill on Thursday by 54 votes to 46, sending it to the House of Representatives. The bill sets aside $12 billion over five years for rural roads and bridges and raises the fee on heavy trucks by 3 percent.

Senator Ruth Hale, who sponsored the bill, said the money would be spent through state agencies. Opponents said the fee increase would fall hardest on small freight companies. A spokesman for the trucking association said its members would review the final text before deciding whether to challenge it in court.

Shares in the country's largest freight company fell 2.1 percent in afternoon trading. Analysts at two banks said the effect on earnings would be small.

Separately, the central bank left its main interest rate unchanged at 4.25 percent. Its governor told reporters that inflation had slowed for a third month but remained above the target. The bank will publish its next forecast in March.

In the north, flooding closed two highways and forced about 300 people from their homes, the regional emergency service said. No deaths were reported. Crews were working to restore power to about 8,000 homes.
