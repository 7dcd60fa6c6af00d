"""The benchmark suite: synthetic data at scale, timings through the app, figures in a file.

Run it with `make bench` (see README). Results go to bench/results.json and a table in
bench/results.md; nothing here is a test and no test asserts a time.
"""

PASSWORD = "bench-password-123"  # noqa: S105 (every bench account's, in throwaway databases)
