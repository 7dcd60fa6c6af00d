"""The scheduler: one process (`flask scheduler run`), the job table (``jobs.JOBS``), and
the record of runs (``job_runs``).

The web workers never start it. A second copy against the same database waits for the
first one's lock instead of running the jobs twice (``lock``). ``build_scheduler(app)`` is
in ``scheduler``.
"""
