"""Importing release lists: a whole amnesty round in one go."""
