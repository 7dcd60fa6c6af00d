"""Loans under Decision 22/2023/QĐ-TTg: applications, eligibility, the union review, the
commune's certification, the bank's decision, and repayment."""
