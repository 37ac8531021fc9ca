"""Reviews: the lead's weighing with the afwegingskader, its decision, and "Mijn signalen"."""
