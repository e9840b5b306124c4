split: dev
title: team-written blog post insinuating about a stadium contract (dev: written by helper mk18 in session 18 before the session's fifth round of rows)

The stadium contract went to a firm founded six weeks before the tender closed. Its director is the council leader's brother-in-law. [[doubt Coincidence]]? [[doubt I think not]].

The council says the firm offered the lowest price. [[doubt Really]]? The price rose by forty percent within a year, and the council approved every increase without a vote. [[doubt You be the judge]].

Residents who asked to see the contract were told it was commercially confidential. [[doubt Go figure]]. The council's audit committee meets on the first Tuesday of each month and publishes its minutes online.
