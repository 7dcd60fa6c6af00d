"""The loan operations, split by concern: rules, eligibility, applications (drafting),
workflow (one function per transition), documents, repayment, access and printing."""
