"""The operations on people and cases. Each checks its rules, writes its audit event and
flushes; the view that called it commits."""
