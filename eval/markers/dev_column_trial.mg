split: dev
title: team-written partisan column on a politician's trial and a newspaper investigation (dev: written by helper mk18 in session 18 before the session's third round of rows)

The trial of the former mayor is a [[loaded_language kangaroo court]], and everyone in the courtroom knows it. The prosecutors, [[name_calling shills]] for the governor's party, built their case on a newspaper [[loaded_language hit piece]] that the paper itself has quietly corrected twice.

The [[loaded_language grotesque]] spectacle outside the courthouse tells you the rest: cameras, placards and a crowd bussed in to jeer. This is a [[loaded_language show trial]], and the verdict was written before the jury sat down.

If the mayor goes to prison for a paperwork error, it will mean [[appeal_to_fear the end of democracy]] in this county. The same prosecutors have already promised a second case against his deputy. Their new tax on local businesses [[appeal_to_fear will destroy our economy]], and they know it.

The newspaper's editor defended the reporting in a statement on Wednesday, saying every correction had been published on the front page. The trial resumes on Monday.
