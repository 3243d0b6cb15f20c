"""Follow-ups over the API: list, read, create, edit, change status, reschedule, comment.

Each write loads (404), checks the same permission as the web page (403), calls the operation
and commits once; the body was validated by its schema before (400).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from tracker import permissions
from tracker.api import ID, api_user, bp, get_live, invalid, paginated, responds
from tracker.api import answers as a
from tracker.api import schemas as s
from tracker.api.errors import ApiError, forbidden
from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import Activity, FollowUp, FollowUpEvent, Organization, Person, Project, User
from tracker.models.enums import FollowUpKind, FollowUpStatus, Priority
from tracker.operations import followups as ops
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.queries.followups import followup_query, with_list_columns

TAG = ["Follow-ups"]
DETAIL = a.FollowUpDetailSchema
#: `<name>_id` in the API → (the operation's keyword, the model the id must name).
REFERENCES: dict[str, tuple[str, type]] = {
    "owner_id": ("owner", Person),
    "organization_id": ("organization", Organization),
    "project_id": ("project", Project),
    "activity_id": ("activity", Activity),
}
#: The operation's field names as the API calls them.
API_FIELD = {keyword: field for field, (keyword, _model) in REFERENCES.items()}
ENUMS = {"kind": FollowUpKind, "priority": Priority}


def load_followup(followup_id: int) -> FollowUp:
    return get_live(
        FollowUp,
        followup_id,
        joinedload(FollowUp.owner),
        joinedload(FollowUp.organization),
        selectinload(FollowUp.events).joinedload(FollowUpEvent.actor).joinedload(User.person),
    )


def editable_first(view):
    """Load the follow-up (404) and check that the user may change it (403) before the body is
    read: whoever may not change it is told so, whatever they sent. The view finds it in
    `g.followup`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        followup = load_followup(kwargs["followup_id"])
        if not permissions.can_edit_followup(api_user(), followup):
            raise forbidden(_("No puede modificar este seguimiento."))
        g.followup = followup
        return view(*args, **kwargs)

    return wrapper


def writer_first(view):
    """Refuse a read-only account (403) before the body is read."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not permissions.can_create_followup(api_user()):
            raise forbidden(_("Su cuenta es de solo lectura."))
        return view(*args, **kwargs)

    return wrapper


def live_record(model: type, record_id: int | None, field: str):
    """The live record an id names (None stays None); a 400 on `field` otherwise."""
    if record_id is None:
        return None
    record = db.session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        message = _("No existe un registro activo con el id %(id)d.", id=record_id)
        raise invalid({field: message})
    return record


def _operation_values(values: dict[str, Any]) -> dict[str, Any]:
    """API values → operation keywords: ids become live records, strings become enums."""
    errors: dict[str, str] = {}
    result: dict[str, Any] = {}
    for key, value in values.items():
        if key in REFERENCES:
            keyword, model = REFERENCES[key]
            try:
                result[keyword] = live_record(model, value, key)
            except ApiError as error:
                errors.update(error.fields or {})
        elif key in ENUMS:
            result[key] = ENUMS[key](value)
        else:
            result[key] = value
    if errors:
        raise invalid(errors)
    return result


def refused(error: OperationError, rename: dict[str, str] | None = None) -> ApiError:
    """An operation's refusal (a rule, not a type error) as a 400 on the field it concerns."""
    field = (rename or {}).get(error.field, API_FIELD.get(error.field, error.field))
    return invalid({field: error.message} if field else {}, error.message)


def _denied(error: PermissionDenied) -> ApiError:
    """The operation's "not yours" (owner, project, activity) as a 403 naming the field."""
    field = API_FIELD.get(error.field, error.field)
    fields = {field: error.message} if field else None
    return ApiError(403, "forbidden", error.message, fields=fields)


def _refused_edit(error: OperationError) -> ApiError:
    # The only date rule an edit can break is a start after the due date.
    return refused(error, {"due_on": "start_on"})


def _conflict(followup_id: int) -> ApiError:
    current = load_followup(followup_id)
    return ApiError(
        409,
        "version_conflict",
        _(
            "El seguimiento cambió desde que lo leyó (ahora va en la versión %(version)d). "
            "Revise los datos actuales y vuelva a aplicar su cambio.",
            version=current.version,
        ),
        current=DETAIL().dump(current),
    )


def save(
    followup_id: int | None,
    change: Callable[[], Any],
    refusal: Callable[[OperationError], ApiError] = refused,
):
    """Run the operation and commit; a concurrent change (stale version) becomes a 409."""
    try:
        result = change()
        db.session.commit()
    except PermissionDenied as error:
        db.session.rollback()
        raise _denied(error) from None
    except OperationError as error:
        db.session.rollback()
        raise refusal(error) from None
    except StaleDataError:
        db.session.rollback()
        raise _conflict(followup_id) from None
    return result


@bp.get("/followups", tags=TAG)
@bp.arguments(s.FollowUpFiltersSchema, location="query")
@bp.response(200, a.page_of(a.FollowUpSchema), description="Open ones first by due date.")
@responds(bp, 400, 401)
def list_followups(args: dict[str, Any]):
    """List follow-ups

    Deleted follow-ups are never listed."""
    filters = {name: value for name, value in args.items() if name not in ("page", "per_page")}
    return paginated(with_list_columns(followup_query(filters, local_today())), args)


@bp.get(f"/followups/<{ID}:followup_id>", tags=TAG)
@bp.response(200, DETAIL)
@responds(bp, 401, 404)
def get_followup(followup_id: int):
    """Read one follow-up with its history"""
    return load_followup(followup_id)


@bp.post("/followups", tags=TAG)
@writer_first
@bp.arguments(s.FollowUpCreateSchema)
@bp.response(
    201,
    DETAIL,
    description="Created.",
    headers={
        "Location": {
            "description": "The new follow-up's URL in this API.",
            "schema": {"type": "string", "format": "uri"},
        }
    },
)
@responds(bp, 400, 401, 403, 415)
def create_followup(values: dict[str, Any]):
    """Create a follow-up

    Viewers cannot create. A member may only create follow-ups they own (`owner_id` = their
    person id); any other owner is a 403. A due date before the start date is a 400."""
    user = api_user()
    if not permissions.can_edit_everything(user) and values["owner_id"] != user.person_id:
        # The web form puts the member as owner; a program must say so itself.
        raise forbidden(
            _(
                "Solo puede crear seguimientos a su nombre: use owner_id %(id)d.",
                id=user.person_id,
            )
        )
    fields = _operation_values(values)
    followup = save(None, lambda: ops.create_followup(user, **fields))
    location = url_for(".get_followup", followup_id=followup.id, _external=True)
    return load_followup(followup.id), {"Location": location}


@bp.patch(f"/followups/<{ID}:followup_id>", tags=TAG)
@editable_first
@bp.arguments(s.FollowUpUpdateSchema)
@bp.response(200, DETAIL)
@responds(bp, 400, 401, 403, 404, 409, 415)
def update_followup(values: dict[str, Any], followup_id: int):
    """Edit a follow-up

    Send `version` as read plus only the fields to change. A stale `version` is a 409
    `version_conflict` whose `current` holds the follow-up as it is now. The due date is not
    editable here: use /reschedule."""
    followup = g.followup
    version = values.pop("version")
    fields = _operation_values(values)
    if version != followup.version:
        raise _conflict(followup_id)
    save(followup_id, lambda: ops.update_followup(followup, api_user(), **fields), _refused_edit)
    return load_followup(followup_id)


@bp.post(f"/followups/<{ID}:followup_id>/status", tags=TAG)
@editable_first
@bp.arguments(s.StatusChangeSchema)
@bp.response(200, DETAIL)
@responds(bp, 400, 401, 403, 404, 409, 415)
def change_followup_status(values: dict[str, Any], followup_id: int):
    """Change the status

    Allowed moves: from open, in_progress or blocked to any other status; from done or
    cancelled back to open. Any other move is a 409 `invalid_transition` listing the `allowed`
    statuses. Moving to done stamps `completed_on`."""
    followup = g.followup
    previous = followup.status

    def not_allowed(error: OperationError) -> ApiError:
        # The operation refuses only moves that its transition table does not allow.
        allowed = sorted(status.value for status in ops.TRANSITIONS[previous])
        fields = {"status": error.message}
        return ApiError(409, "invalid_transition", error.message, fields=fields, allowed=allowed)

    status = FollowUpStatus(values["status"])
    comment = values.get("comment")
    save(
        followup_id,
        lambda: ops.change_status(followup, api_user(), status, local_today(), comment),
        not_allowed,
    )
    return load_followup(followup_id)


@bp.post(f"/followups/<{ID}:followup_id>/reschedule", tags=TAG)
@editable_first
@bp.arguments(s.RescheduleSchema)
@bp.response(200, DETAIL)
@responds(bp, 400, 401, 403, 404, 409, 415)
def reschedule_followup(values: dict[str, Any], followup_id: int):
    """Move the due date

    Keeps `original_due_on` and counts the move. A follow-up that is not open is a 409
    `invalid_state`; the same date, or one before the start, is a 400."""
    followup = g.followup
    if not followup.is_open:
        message = _("Solo se reprograma un seguimiento abierto.")
        raise ApiError(409, "invalid_state", message, fields={"due_on": message})
    save(
        followup_id,
        lambda: ops.reschedule(followup, api_user(), values["due_on"], values["reason"]),
    )
    return load_followup(followup_id)


@bp.post(f"/followups/<{ID}:followup_id>/comments", tags=TAG)
@editable_first
@bp.arguments(s.CommentCreateSchema)
@bp.response(201, a.FollowUpEventSchema, description="The new history entry.")
@responds(bp, 400, 401, 403, 404, 415)
def comment_followup(values: dict[str, Any], followup_id: int):
    """Comment on a follow-up"""
    followup = g.followup
    event = save(followup_id, lambda: ops.add_comment(followup, api_user(), values["text"]))
    return db.session.get(
        FollowUpEvent, event.id, options=[joinedload(FollowUpEvent.actor).joinedload(User.person)]
    )
