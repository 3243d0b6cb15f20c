"""The dashboard ("Pendientes"): what is pending, what is late, and who owes it."""

from datetime import timedelta

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from tracker.charts import bar_chart, trend_chart
from tracker.clock import local_today
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import DashboardFilterForm
from tracker.queries import dashboard
from tracker.queries.followups import followup_query, with_list_columns
from tracker.web.helpers import paginate

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    """Tiles, ageing, owners, trends and the pending list, all narrowed by the URL's filters."""
    today = local_today()
    form = DashboardFilterForm(request.args)
    fill_record_choices(form)
    code, filters = 200, {}
    if request.args and not form.validate():
        code = 400
    elif request.args:
        filters = {k: v for k, v in form.data.items() if k != "mine" and v not in (None, "", False)}
        if form.mine.data:
            filters["owner"] = current_user.person_id
    tiles = dashboard.followup_tiles(filters, today)
    reports_pending, reports_overdue = dashboard.report_tiles(today)
    projects_overrun, sheets_stale = dashboard.project_tiles(today)
    owners = dashboard.owners_with_most_pending(filters, today)
    trend = dashboard.monthly_trend(filters, today)
    pending = paginate(with_list_columns(followup_query({**filters, "status": "pending"}, today)))
    return render_template(
        "home.html",
        form=form,
        filters=filters,
        tiles=tiles,
        reports_pending=reports_pending,
        reports_overdue=reports_overdue,
        projects_overrun=projects_overrun,
        sheets_stale=sheets_stale,
        owners=owners,
        trend=trend,
        trend_chart=trend_chart(trend),
        owners_chart=bar_chart([(name, overdue) for _id, name, _open, overdue in owners]),
        page=pending,
        week_end=today + timedelta(days=7),
        month_start=today.replace(day=1),
    ), code
