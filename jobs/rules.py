"""The reminder rules as one immutable value, built from the app config (see config.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from tracker.models.enums import ReminderRule

# Rule names, stored on every outbox row (tracker.models.enums.ReminderRule): renaming one
# would re-send what was already sent. Members of a StrEnum, so they compare and store as the
# plain strings they always were.
DUE_SOON = ReminderRule.DUE_SOON
DUE_TODAY = ReminderRule.DUE_TODAY
MILESTONE_SOON = ReminderRule.MILESTONE_SOON
OVERDUE = ReminderRule.OVERDUE
OVERDUE_SUPERVISOR = ReminderRule.OVERDUE_SUPERVISOR
OVERDUE_UNIT = ReminderRule.OVERDUE_UNIT
REPORT_DUE_SOON = ReminderRule.REPORT_DUE_SOON
REPORT_OVERDUE = ReminderRule.REPORT_OVERDUE
PROJECT_OVERRUN = ReminderRule.PROJECT_OVERRUN
PROJECT_SHEET_STALE = ReminderRule.PROJECT_SHEET_STALE
# Events, not deadlines: enqueued by the operation that made them happen (tracker/operations/
# report_notices.py), delivered in the digest's "Novedades" section.
REPORT_SUBMITTED = ReminderRule.REPORT_SUBMITTED
REPORT_RETURNED = ReminderRule.REPORT_RETURNED
REPORT_APPROVED = ReminderRule.REPORT_APPROVED
BRIEFING = ReminderRule.BRIEFING
#: A participant without an account is sent her report's private link (tracker/operations/
#: report_links.py); the link in the mail is worked out when the mail is built.
REPORT_LINK = ReminderRule.REPORT_LINK
#: A follow-up's in-app notices of the day (assigned, comment, @mention, watched change), mailed
#: to whoever asked for them in her profile (tracker/operations/user_notices.py).
FOLLOWUP_NEWS = ReminderRule.FOLLOWUP_NEWS
NEWS_RULES = frozenset(
    {REPORT_SUBMITTED, REPORT_RETURNED, REPORT_APPROVED, BRIEFING, REPORT_LINK, FOLLOWUP_NEWS}
)

#: Notices a person may mute ("avisos de vencimiento próximo"); overdue ones never are.
DUE_SOON_RULES = frozenset({DUE_SOON, DUE_TODAY, MILESTONE_SOON, REPORT_DUE_SOON})
OVERDUE_RULES = frozenset({OVERDUE, OVERDUE_SUPERVISOR, OVERDUE_UNIT})


@dataclass(frozen=True)
class Rules:
    """When reminders fire and who is copied. Defaults are the config's defaults."""

    timezone: str = "America/Costa_Rica"
    unit_email: str = "cooperacion@example.org"
    #: The unit mailbox's language (it is nobody's preference).
    unit_language: str = "es"
    lead_days: tuple[int, ...] = (14, 7, 1)
    overdue_repeat_days: int = 7
    escalate_supervisor_days: int = 7
    escalate_unit_days: int = 30
    report_lead_days: int = 3
    milestone_lead_days: int = 7
    project_overrun_repeat_days: int = 7
    #: Used for a project that has no interval of its own.
    project_update_interval_months: int = 6
    sheet_repeat_days: int = 30

    @classmethod
    def from_config(cls, config: Mapping) -> Rules:
        return cls(
            timezone=config["TRACKER_TIMEZONE"],
            unit_email=config["TRACKER_UNIT_EMAIL"].strip().lower(),
            unit_language=config.get("BABEL_DEFAULT_LOCALE", "es"),
            lead_days=tuple(config["REMINDER_LEAD_DAYS"]),
            overdue_repeat_days=config["REMINDER_OVERDUE_REPEAT_DAYS"],
            escalate_supervisor_days=config["REMINDER_ESCALATE_SUPERVISOR_DAYS"],
            escalate_unit_days=config["REMINDER_ESCALATE_UNIT_DAYS"],
            report_lead_days=config["REMINDER_REPORT_LEAD_DAYS"],
            milestone_lead_days=config["REMINDER_MILESTONE_LEAD_DAYS"],
            project_overrun_repeat_days=config["REMINDER_PROJECT_OVERRUN_REPEAT_DAYS"],
            project_update_interval_months=config["PROJECT_UPDATE_INTERVAL_MONTHS"],
            sheet_repeat_days=config["REMINDER_SHEET_REPEAT_DAYS"],
        )

    def __post_init__(self) -> None:
        repeats = (self.overdue_repeat_days, self.project_overrun_repeat_days)
        if min((*repeats, self.sheet_repeat_days)) < 1:
            raise ValueError("reminder repeat intervals must be at least one day")
        if min((*self.lead_days, self.report_lead_days, self.milestone_lead_days), default=0) < 0:
            raise ValueError("reminder lead days cannot be negative")

    @property
    def max_lead_days(self) -> int:
        """How far ahead a due date can be and still remind today (bounds the loader's query)."""
        return max((*self.lead_days, self.report_lead_days, self.milestone_lead_days, 0))

    def today(self, now: datetime) -> date:
        """The institution's calendar day at the instant `now` (an aware datetime)."""
        if now.tzinfo is None:
            raise ValueError("naive datetime given; pass an aware instant")
        return now.astimezone(ZoneInfo(self.timezone)).date()
