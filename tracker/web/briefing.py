"""The briefing of an activity: what earlier editions of its series left for whoever goes now."""

from flask import Blueprint, render_template
from flask_login import login_required

from tracker.models import Activity
from tracker.queries.briefing import BRIEFING_LIMIT, briefing_for
from tracker.web.helpers import get_live_or_404

bp = Blueprint("briefing", __name__, url_prefix="/actividades")


@bp.get("/<int:activity_id>/briefing")
@login_required
def show(activity_id: int):
    """Observations of earlier representatives, commitments still open, last achievements."""
    activity = get_live_or_404(Activity, activity_id)
    return render_template(
        "briefing/show.html", briefing=briefing_for(activity), limit=BRIEFING_LIMIT
    )
