"""Privacy: a person's data-access report, the retention of closed cases, data breaches."""
