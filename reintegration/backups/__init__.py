"""Backups of the database and their restore (`flask backup create`, `flask backup restore`)."""
