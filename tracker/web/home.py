"""Home: a member's own work ("Mi trabajo"); the unit's dashboard ("Pendientes": what is
pending, what is late, and who owes it), the coordination's home; and the trends."""

from datetime import timedelta

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from tracker.charts import bar_chart, trend_chart
from tracker.clock import local_today
from tracker.forms.common import fill_record_choices
from tracker.forms.filters import DashboardFilterForm
from tracker.models.enums import Role
from tracker.queries import dashboard
from tracker.queries.followups import COUNT_CAP, followup_query, with_list_columns
from tracker.queries.my_work import my_work
from tracker.queries.reports import my_owed_reports
from tracker.web.capped_pages import capped_paginate

bp = Blueprint("home", __name__)


def _filters() -> tuple[DashboardFilterForm, dict, int]:
    """The dashboard's filters from the URL: (form, filters for the queries, status code)."""
    form = DashboardFilterForm(request.args)
    fill_record_choices(form)
    if not request.args:
        return form, {}, 200
    if not form.validate():
        return form, {}, 400
    filters = {k: v for k, v in form.data.items() if k != "mine" and v not in (None, "", False)}
    if form.mine.data:
        filters["owner"] = current_user.person_id
    return form, filters, 200


def _owners_chart(owners):
    return bar_chart([(name, overdue) for _id, name, _open, overdue in owners])


@bp.get("/")
@login_required
def index():
    """A member's home is her own work; coordination, admins and viewers see the unit's."""
    if current_user.role == Role.MEMBER and not request.args:
        return mine()
    return unit()


@bp.get("/mi-trabajo")
@login_required
def mine():
    """What I own (overdue first), what waits for my visto bueno, my reports to write."""
    today = local_today()
    return render_template(
        "my_work.html", work=my_work(current_user, today), week_end=today + timedelta(days=7)
    )


@bp.get("/unidad")
@login_required
def unit():
    """Tiles, ageing, owners and the pending list, all narrowed by the URL's filters."""
    today = local_today()
    form, filters, code = _filters()
    reports_pending, reports_overdue = dashboard.report_tiles(today)
    projects_overrun, sheets_stale = dashboard.project_tiles(today)
    owners = dashboard.owners_with_most_pending(filters, today)
    pending = capped_paginate(
        with_list_columns(followup_query({**filters, "status": "pending"}, today), only_open=True)
    )
    return render_template(
        "home.html",
        my_reports=my_owed_reports(current_user),
        unreachable=dashboard.unreachable_followups(filters, today),
        form=form,
        filters=filters,
        tiles=dashboard.followup_tiles(filters, today),
        reports_pending=reports_pending,
        reports_overdue=reports_overdue,
        projects_overrun=projects_overrun,
        sheets_stale=sheets_stale,
        owners=owners,
        owners_chart=_owners_chart(owners),
        page=pending,
        week_end=today + timedelta(days=7),
        month_start=today.replace(day=1),
        count_cap=COUNT_CAP,
        milestone_days=dashboard.MILESTONE_HORIZON_DAYS,
    ), code


@bp.get("/tendencias")
@login_required
def trends():
    """Opened and done per month over the last year, and overdue by owner (charts and tables)."""
    today = local_today()
    form, filters, code = _filters()
    trend = dashboard.monthly_trend(filters, today)
    return render_template(
        "trends.html",
        form=form,
        filters=filters,
        trend=trend,
        trend_chart=trend_chart(trend),
        owners_chart=_owners_chart(dashboard.owners_with_most_pending(filters, today)),
    ), code
