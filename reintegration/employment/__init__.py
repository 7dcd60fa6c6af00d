"""Job referral (Decree 49/2020 Art. 11): employers and their openings, a person's work
profile, matching people to openings, referrals (referred → interviewed → hired | not
hired) and job retention. Named ``employment``, not ``jobs``: that word is the scheduler's."""
