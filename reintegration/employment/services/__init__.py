"""Employment operations, split by concern: ``access`` (who reaches what), ``employers``
(employers and openings), ``profiles`` (a person's work profile), ``matching`` (ranked and
explained lists, hard restrictions), ``referrals`` (the referral workflow and retention)."""
