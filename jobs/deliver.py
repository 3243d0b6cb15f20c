"""Moved to the jobs.delivery package; kept only for jobs/scheduler.py's import until that
file (another change in progress) imports jobs.delivery."""

from jobs.delivery import CLAIM, DeliveryResult, deliver  # noqa: F401
