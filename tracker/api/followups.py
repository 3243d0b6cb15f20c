"""Follow-ups over the API: list, read, create, edit, change status, reschedule, comment.

Each write loads (404), checks the same permission as the web page (403), validates (400),
calls the operation and commits once.
"""

from collections.abc import Callable
from typing import Any

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from tracker import permissions
from tracker.api import ID, api_user, bp, get_live, invalid, json_body, paginated, query_args
from tracker.api import schemas as s
from tracker.api.errors import ApiError, forbidden
from tracker.clock import local_today
from tracker.extensions import db
from tracker.models import Activity, FollowUp, FollowUpEvent, Organization, Person, Project, User
from tracker.models.enums import FollowUpKind, FollowUpStatus, Priority
from tracker.operations import followups as ops
from tracker.operations.errors import OperationError, PermissionDenied
from tracker.queries.followups import followup_query, with_list_columns

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


def _load(followup_id: int) -> FollowUp:
    return get_live(
        FollowUp,
        followup_id,
        joinedload(FollowUp.owner),
        joinedload(FollowUp.organization),
        selectinload(FollowUp.events).joinedload(FollowUpEvent.actor).joinedload(User.person),
    )


def _load_editable(followup_id: int) -> FollowUp:
    followup = _load(followup_id)
    if not permissions.can_edit_followup(api_user(), followup):
        raise forbidden(_("No puede modificar este seguimiento."))
    return followup


def _operation_values(values: dict[str, Any]) -> dict[str, Any]:
    """API values → operation keywords: ids become live records, strings become enums."""
    errors: dict[str, str] = {}
    result: dict[str, Any] = {}
    for key, value in values.items():
        if key in REFERENCES:
            keyword, model = REFERENCES[key]
            record = db.session.get(model, value) if value is not None else None
            if value is not None and (record is None or record.deleted_at is not None):
                errors[key] = _("No existe un registro activo con el id %(id)d.", id=value)
            result[keyword] = record
        elif key in ENUMS:
            result[key] = ENUMS[key](value)
        else:
            result[key] = value
    if errors:
        raise invalid(errors)
    return result


def _refused(error: OperationError, rename: dict[str, str] | None = None) -> ApiError:
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
    return _refused(error, {"due_on": "start_on"})


def _conflict(followup_id: int) -> ApiError:
    current = _load(followup_id)
    return ApiError(
        409,
        "version_conflict",
        _(
            "El seguimiento cambió desde que lo leyó (ahora va en la versión %(version)d). "
            "Revise los datos actuales y vuelva a aplicar su cambio.",
            version=current.version,
        ),
        current=s.followup_detail_json(current),
    )


def _save(
    followup_id: int | None,
    change: Callable[[], Any],
    refused: Callable[[OperationError], ApiError] = _refused,
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
        raise refused(error) from None
    except StaleDataError:
        db.session.rollback()
        raise _conflict(followup_id) from None
    return result


@bp.get("/followups")
def list_followups():
    """Follow-ups matching the filters, urgent first, one page at a time."""
    args = query_args(s.FOLLOWUP_FILTERS)
    if args["due_from"] and args["due_to"] and args["due_to"] < args["due_from"]:
        raise invalid({"due_to": _("El final del rango es anterior a su inicio.")})
    filters = {name: value for name, value in args.items() if name not in s.PAGINATION}
    query = with_list_columns(followup_query(filters, local_today()))
    return paginated(query, args, s.followup_json)


@bp.get(f"/followups/<{ID}:followup_id>")
def get_followup(followup_id: int):
    """One follow-up with its history."""
    return s.followup_detail_json(_load(followup_id))


@bp.post("/followups")
def create_followup():
    """Create a follow-up; members may only create their own."""
    user = api_user()
    if not permissions.can_create_followup(user):
        raise forbidden(_("Su cuenta es de solo lectura."))
    values = json_body(s.FOLLOWUP_CREATE)
    if not permissions.can_edit_everything(user) and values["owner_id"] != user.person_id:
        # The web form puts the member as owner; a program must say so itself.
        raise forbidden(
            _(
                "Solo puede crear seguimientos a su nombre: use owner_id %(id)d.",
                id=user.person_id,
            )
        )
    values.setdefault("priority", s.FOLLOWUP_CREATE["priority"].default)
    fields = _operation_values(values)
    followup = _save(None, lambda: ops.create_followup(user, **fields))
    location = url_for(".get_followup", followup_id=followup.id, _external=True)
    return s.followup_detail_json(_load(followup.id)), 201, {"Location": location}


@bp.patch(f"/followups/<{ID}:followup_id>")
def update_followup(followup_id: int):
    """Edit what a follow-up says, if `version` is still the current one."""
    followup = _load_editable(followup_id)
    values = json_body(s.FOLLOWUP_UPDATE)
    version = values.pop("version")
    fields = _operation_values(values)
    if version != followup.version:
        raise _conflict(followup_id)
    _save(followup_id, lambda: ops.update_followup(followup, api_user(), **fields), _refused_edit)
    return s.followup_detail_json(_load(followup_id))


@bp.post(f"/followups/<{ID}:followup_id>/status")
def change_followup_status(followup_id: int):
    """Move to another status along an allowed transition; 409 when the move is not allowed."""
    followup = _load_editable(followup_id)
    values = json_body(s.STATUS_CHANGE)
    previous = followup.status

    def refused(error: OperationError) -> ApiError:
        # The operation refuses only moves that its transition table does not allow.
        allowed = sorted(status.value for status in ops.TRANSITIONS[previous])
        fields = {"status": error.message}
        return ApiError(409, "invalid_transition", error.message, fields=fields, allowed=allowed)

    _save(
        followup_id,
        lambda: ops.change_status(
            followup,
            api_user(),
            FollowUpStatus(values["status"]),
            local_today(),
            values.get("comment"),
        ),
        refused,
    )
    return s.followup_detail_json(_load(followup_id))


@bp.post(f"/followups/<{ID}:followup_id>/reschedule")
def reschedule_followup(followup_id: int):
    """Give an open follow-up a new due date, with a reason."""
    followup = _load_editable(followup_id)
    values = json_body(s.RESCHEDULE)
    if not followup.is_open:
        message = _("Solo se reprograma un seguimiento abierto.")
        raise ApiError(409, "invalid_state", message, fields={"due_on": message})
    _save(
        followup_id,
        lambda: ops.reschedule(followup, api_user(), values["due_on"], values["reason"]),
    )
    return s.followup_detail_json(_load(followup_id))


@bp.post(f"/followups/<{ID}:followup_id>/comments")
def comment_followup(followup_id: int):
    """Add a comment to the history; answers the new history entry."""
    followup = _load_editable(followup_id)
    values = json_body(s.COMMENT)
    event = _save(followup_id, lambda: ops.add_comment(followup, api_user(), values["text"]))
    event = db.session.get(
        FollowUpEvent, event.id, options=[joinedload(FollowUpEvent.actor).joinedload(User.person)]
    )
    return s.event_json(event), 201
