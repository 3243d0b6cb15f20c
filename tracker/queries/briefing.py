"""What the next representative of a series should know: earlier editions' observations, their
commitments still open, and the last report's achievements."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import Activity, FollowUp, HandoverNote, ParticipationReport
from tracker.models.enums import OPEN_STATUSES, FollowUpKind

#: Most observations and open commitments a briefing lists (the oldest series stay readable).
BRIEFING_LIMIT = 50
_CARRIED_KINDS = (FollowUpKind.COMMITMENT, FollowUpKind.ACTION)


@dataclass
class Briefing:
    activity: Activity
    notes: list[HandoverNote] = field(default_factory=list)
    open_items: list[FollowUp] = field(default_factory=list)
    #: The latest earlier edition's report that has achievements, or None.
    last_report: ParticipationReport | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.notes or self.open_items or self.last_report)


def briefing_for(activity: Activity) -> Briefing:
    """The briefing for whoever goes to `activity`, from the series' earlier editions."""
    briefing = Briefing(activity)
    if activity.series_id is None:
        return briefing
    earlier = (
        select(Activity.id)
        .where(
            Activity.series_id == activity.series_id,
            Activity.deleted_at.is_(None),
            Activity.id != activity.id,
            or_(
                Activity.start_on < activity.start_on,
                and_(Activity.start_on == activity.start_on, Activity.id < activity.id),
            ),
        )
        .scalar_subquery()
    )
    earlier_reports = select(ParticipationReport.id).where(
        ParticipationReport.activity_id.in_(earlier), ParticipationReport.deleted_at.is_(None)
    )
    briefing.notes = list(
        db.session.scalars(
            select(HandoverNote)
            .options(joinedload(HandoverNote.report).joinedload(ParticipationReport.person))
            .where(
                HandoverNote.series_id == activity.series_id,
                # Notes written on no report (imported, typed by coordination) carry over too;
                # the ones of this edition's own reports are not "earlier".
                or_(HandoverNote.report_id.is_(None), HandoverNote.report_id.in_(earlier_reports)),
            )
            .order_by(HandoverNote.created_at.desc(), HandoverNote.id.desc())
            .limit(BRIEFING_LIMIT)
        )
    )
    briefing.open_items = list(
        db.session.scalars(
            select(FollowUp)
            .options(joinedload(FollowUp.owner), joinedload(FollowUp.organization))
            .where(
                FollowUp.deleted_at.is_(None),
                FollowUp.status.in_(OPEN_STATUSES),
                FollowUp.kind.in_(_CARRIED_KINDS),
                or_(FollowUp.activity_id.in_(earlier), FollowUp.report_id.in_(earlier_reports)),
            )
            .order_by(FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id)
            .limit(BRIEFING_LIMIT)
        )
    )
    briefing.last_report = db.session.scalar(
        select(ParticipationReport)
        .join(Activity, Activity.id == ParticipationReport.activity_id)
        .options(joinedload(ParticipationReport.person), joinedload(ParticipationReport.activity))
        .where(
            ParticipationReport.id.in_(earlier_reports),
            ParticipationReport.achievements.is_not(None),
            ParticipationReport.achievements != "",
        )
        .order_by(Activity.start_on.desc(), ParticipationReport.id.desc())
        .limit(1)
    )
    return briefing
