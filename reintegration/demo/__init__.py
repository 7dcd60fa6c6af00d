"""Demo data for trying the system out: one province, a few communes, one account per role."""
