"""The home page: what is pending, and what is late."""

from datetime import timedelta

from flask import Blueprint, render_template
from flask_login import current_user, login_required
from sqlalchemy import func, select

from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import FollowUp
from tracker.models.enums import OPEN_STATUSES
from tracker.queries.followups import followup_query, with_list_columns

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    """Counts of pending work and the logged-in person's own pending follow-ups."""
    today = local_today()
    live_open = (FollowUp.deleted_at.is_(None), FollowUp.status.in_(OPEN_STATUSES))
    overdue, due_soon, total_open = db.session.execute(
        select(
            func.count().filter(FollowUp.due_on < today),
            func.count().filter(FollowUp.due_on.between(today, today + timedelta(days=7))),
            func.count(),
        ).where(*live_open)
    ).one()
    mine = db.session.scalars(
        with_list_columns(
            followup_query({"status": "pending", "owner": current_user.person_id}, today)
        ).limit(50)
    ).all()
    return render_template(
        "home.html",
        overdue=overdue,
        due_soon=due_soon,
        total_open=total_open,
        mine=mine,
        week_end=today + timedelta(days=7),
    )
