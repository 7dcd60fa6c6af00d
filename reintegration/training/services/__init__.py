"""Training operations, split by concern: ``access`` (who reaches what), ``catalogue``
(providers, courses, support), ``placements`` (the placement workflow), ``fit`` (which
courses fit a person), ``trades`` (the shared list)."""
