"""Vocational training (Decree 49/2020 Art. 11): providers, courses, the support the province
grants, and placements of people on courses (referred → enrolled → completed | dropped).

The shared list of trades and skills lives here too (``models/trade.py``): employment reads
it and training never reads employment, so imports keep pointing one way."""
