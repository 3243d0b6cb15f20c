"""Activities, participation reports (with their commitments) and projects over the API:
read only, deleted ones hidden. The lists are tracker.queries.record_lists."""

from typing import Any

from sqlalchemy.orm import joinedload, selectinload

from tracker.api import ID, bp, get_live, paginated, responds
from tracker.api import answers as a
from tracker.api import schemas as s
from tracker.api.errors import not_found
from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import Activity, ParticipationReport, Project, ProjectInstitution, User
from tracker.queries.followups import followup_query, with_list_columns
from tracker.queries.record_lists import activity_list, project_list, report_list

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
LISTED = "Deleted records are never listed."


@bp.get("/activities", tags=["Activities"])
@bp.arguments(s.ActivityFiltersSchema, location="query")
@bp.response(200, a.page_of(a.ActivitySchema), description="A page of activities.")
@responds(bp, 400, 401)
def list_activities(args: dict[str, Any]):
    """List activities

    Newest first; `q` searches the name, the place and the series. Deleted records are never
    listed."""
    return paginated(activity_list(args).options(*ACTIVITY_OPTIONS), args)


@bp.get(f"/activities/<{ID}:activity_id>", tags=["Activities"])
@bp.response(200, a.ActivitySchema)
@responds(bp, 401, 404)
def get_activity(activity_id: int):
    """Read one activity"""
    return get_live(Activity, activity_id, *ACTIVITY_OPTIONS)


@bp.get("/reports", tags=["Reports"])
@bp.arguments(s.ReportFiltersSchema, location="query")
@bp.response(200, a.page_of(a.ReportSchema), description="A page of participation reports.")
@responds(bp, 400, 401)
def list_reports(args: dict[str, Any]):
    """List participation reports

    Latest due first; `q` searches the activity and the person. Deleted records are never
    listed."""
    return paginated(report_list(args).options(*REPORT_OPTIONS), args)


@bp.get(f"/reports/<{ID}:report_id>", tags=["Reports"])
@bp.response(200, a.ReportDetailSchema)
@responds(bp, 401, 404)
def get_report(report_id: int):
    """Read one participation report with its commitments

    Hidden too when its activity was deleted. `commitments` lists the live follow-ups written
    from it, as its page does."""
    report = get_live(ParticipationReport, report_id, *REPORT_OPTIONS)
    if report.activity.deleted_at is not None:
        raise not_found()
    report.commitments = db.session.scalars(
        with_list_columns(followup_query({}, local_today()).filter_by(report_id=report.id))
    ).all()
    return report


@bp.get("/projects", tags=["Projects"])
@bp.arguments(s.ProjectFiltersSchema, location="query")
@bp.response(200, a.page_of(a.ProjectSchema), description="A page of projects.")
@responds(bp, 400, 401)
def list_projects(args: dict[str, Any]):
    """List projects

    Latest planned end first; `q` searches the name and the thematic area. Deleted records are
    never listed."""
    return paginated(project_list(args).options(*PROJECT_OPTIONS), args)


@bp.get(f"/projects/<{ID}:project_id>", tags=["Projects"])
@bp.response(200, a.ProjectSchema)
@responds(bp, 401, 404)
def get_project(project_id: int):
    """Read one project with its institutions and SDGs"""
    return get_live(Project, project_id, *PROJECT_OPTIONS)
