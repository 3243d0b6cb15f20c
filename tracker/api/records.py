"""Activities, participation reports and projects over the API: read only, deleted ones hidden."""

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.api import ID, bp, get_live, paginated, query_args
from tracker.api import schemas as s
from tracker.api.errors import not_found
from tracker.models import (
    Activity,
    ActivitySeries,
    ParticipationReport,
    Person,
    Project,
    ProjectInstitution,
    User,
)
from tracker.queries.followups import search_clause

ACTIVITY_OPTIONS = (joinedload(Activity.series), selectinload(Activity.organizers))
REPORT_OPTIONS = (
    joinedload(ParticipationReport.activity),
    joinedload(ParticipationReport.person),
    joinedload(ParticipationReport.approved_by).joinedload(User.person),
)
PROJECT_OPTIONS = (
    joinedload(Project.lead),
    selectinload(Project.sdgs),
    selectinload(Project.institutions).joinedload(ProjectInstitution.organization),
)


@bp.get("/activities")
def list_activities():
    """Activities, newest first; `q` searches the name, the place and the series."""
    args = query_args(s.ACTIVITY_FILTERS)
    query = select(Activity).where(Activity.deleted_at.is_(None))
    if args["q"]:
        series_match = exists().where(
            ActivitySeries.id == Activity.series_id, search_clause(args["q"], ActivitySeries.name)
        )
        query = query.where(
            or_(search_clause(args["q"], Activity.name, Activity.place), series_match)
        )
    query = query.options(*ACTIVITY_OPTIONS).order_by(Activity.start_on.desc(), Activity.id.desc())
    return paginated(query, args, s.activity_json)


@bp.get(f"/activities/<{ID}:activity_id>")
def get_activity(activity_id: int):
    """One activity."""
    return s.activity_json(get_live(Activity, activity_id, *ACTIVITY_OPTIONS))


@bp.get("/reports")
def list_reports():
    """Participation reports, latest due first; `q` searches the activity and the person."""
    args = query_args(s.REPORT_FILTERS)
    query = (
        select(ParticipationReport)
        .join(ParticipationReport.activity)
        .join(ParticipationReport.person)
        .where(ParticipationReport.deleted_at.is_(None), Activity.deleted_at.is_(None))
    )
    if args["q"]:
        query = query.where(search_clause(args["q"], Activity.name, Person.name))
    if args["status"]:
        query = query.where(ParticipationReport.status == args["status"])
    if args["activity"] is not None:
        query = query.where(ParticipationReport.activity_id == args["activity"])
    query = query.options(*REPORT_OPTIONS).order_by(
        ParticipationReport.due_on.desc(), ParticipationReport.id.desc()
    )
    return paginated(query, args, s.report_json)


@bp.get(f"/reports/<{ID}:report_id>")
def get_report(report_id: int):
    """One participation report (hidden too when its activity was deleted)."""
    report = get_live(ParticipationReport, report_id, *REPORT_OPTIONS)
    if report.activity.deleted_at is not None:
        raise not_found()
    return s.report_json(report)


@bp.get("/projects")
def list_projects():
    """Projects, latest planned end first; `q` searches the name and the thematic area."""
    args = query_args(s.PROJECT_FILTERS)
    query = select(Project).where(Project.deleted_at.is_(None))
    if args["q"]:
        query = query.where(search_clause(args["q"], Project.name, Project.thematic_area))
    if args["status"]:
        query = query.where(Project.status == args["status"])
    query = query.options(*PROJECT_OPTIONS).order_by(
        Project.planned_end_on.is_(None), Project.planned_end_on.desc(), Project.id
    )
    return paginated(query, args, s.project_json)


@bp.get(f"/projects/<{ID}:project_id>")
def get_project(project_id: int):
    """One project with its institutions and SDGs."""
    return s.project_json(get_live(Project, project_id, *PROJECT_OPTIONS))
