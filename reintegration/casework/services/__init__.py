"""Casework operations: one function per operation, each audited; they flush, the caller
commits."""
