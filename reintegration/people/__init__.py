"""People and their cases: registration, duplicates, search, the case file."""
