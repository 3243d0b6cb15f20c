"""What the API accepts: request bodies and query strings, each described once.

The same schema validates the request (tracker.api.parser) and writes the request part of the
OpenAPI document (flask-smorest and apispec read its fields). Answers are in
tracker.api.answers. The text for developers stays in English; messages follow Accept-Language.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, validates_schema

from tracker.api.fields import Boolean, Choice, Day, IdList, Integer, RecordId, Text
from tracker.models.enums import (
    FollowUpKind,
    FollowUpStatus,
    Priority,
    ProjectStatus,
    ReportStatus,
)
from tracker.operations.bulk import MAX_ITEMS, BulkAction
from tracker.routing import MAX_ID
from tracker.search import KINDS

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50


class Body(Schema):
    """A JSON object with exactly these properties: any other is refused by name."""

    error_messages = {"unknown": _l("Campo desconocido.")}


class Query(Schema):
    """A query string: every value arrives as text (the fields read it as such)."""

    FROM_QUERY = True
    error_messages = {"unknown": _l("Parámetro desconocido.")}


# Request bodies -------------------------------------------------------------------------------


class FollowUpCreateSchema(Body):
    title = Text(required=True, max_length=300, not_blank=True, description="What has to be done.")
    kind = Choice(FollowUpKind, required=True, description="Kind of follow-up.")
    owner_id = RecordId(
        required=True,
        description="Person responsible. A member may only name themself (their own person id).",
    )
    description = Text(allow_none=True, max_length=10000, description="Details.")
    priority = Choice(Priority, load_default="normal", description="Defaults to `normal`.")
    organization_id = RecordId(allow_none=True, description="Institution that must deliver.")
    project_id = RecordId(allow_none=True, description="Project it belongs to.")
    activity_id = RecordId(allow_none=True, description="Activity it comes from.")
    start_on = Day(allow_none=True, description="Start date.")
    due_on = Day(allow_none=True, description="Due date; remembered as the original due date.")


class FollowUpUpdateSchema(Body):
    version = Integer(
        required=True,
        minimum=1,
        description="The `version` you read. If the follow-up changed since, the answer is 409.",
    )
    title = Text(max_length=300, not_blank=True, description="What has to be done.")
    kind = Choice(FollowUpKind, description="Kind of follow-up.")
    owner_id = RecordId(description="Person responsible.")
    description = Text(allow_none=True, max_length=10000, description="Details.")
    priority = Choice(Priority, description="Priority.")
    organization_id = RecordId(allow_none=True, description="Institution that must deliver.")
    project_id = RecordId(allow_none=True, description="Project it belongs to.")
    activity_id = RecordId(allow_none=True, description="Activity it comes from.")
    start_on = Day(
        allow_none=True, description="Start date (the due date moves only by rescheduling)."
    )


class StatusChangeSchema(Body):
    status = Choice(FollowUpStatus, required=True, description="The new status.")
    comment = Text(allow_none=True, max_length=5000, description="Why; kept in the history.")


class RescheduleSchema(Body):
    due_on = Day(required=True, description="The new due date.")
    reason = Text(
        required=True,
        max_length=2000,
        not_blank=True,
        description="Why it moves; kept in the history.",
    )


class CommentCreateSchema(Body):
    text = Text(required=True, max_length=5000, not_blank=True, description="The comment.")


class BulkChangeSchema(Body):
    ids = IdList(required=True, max_items=MAX_ITEMS, description="The follow-ups to change (ids).")
    action = Choice(BulkAction, required=True, description="What to do to every one of them.")
    status = Choice(FollowUpStatus, description="action `status`: the new status.")
    owner_id = RecordId(description="action `owner`: the new person responsible.")
    due_on = Day(description="action `reschedule`: the new due date.")
    reason = Text(
        allow_none=True,
        max_length=2000,
        description="Why; kept in each history (required to reschedule).",
    )


# Query strings --------------------------------------------------------------------------------


class PageQuery(Query):
    page = Integer(minimum=1, maximum=MAX_ID, load_default=1, description="Page number, from 1.")
    per_page = Integer(
        minimum=1,
        maximum=MAX_PER_PAGE,
        load_default=DEFAULT_PER_PAGE,
        description="Items per page.",
    )


class SearchedPageQuery(PageQuery):
    q = Text(max_length=200, description="Text to search for.")


class FollowUpFiltersSchema(SearchedPageQuery):
    status = Choice(
        FollowUpStatus,
        "pending",
        description="A status, or `pending` for any open one (open, in_progress, blocked).",
    )
    kind = Choice(FollowUpKind, description="Kind of follow-up.")
    owner = RecordId(description="Person id of the owner.")
    organization = RecordId(description="Organization id of the responsible institution.")
    project = RecordId(description="Project id.")
    activity = RecordId(description="Activity id.")
    due_from = Day(description="Due on or after this date.")
    due_to = Day(description="Due on or before this date.")
    overdue = Boolean(
        description="`true`: only open follow-ups past their due date; `false`: no filter."
    )

    @validates_schema
    def range_in_order(self, data, **kwargs):
        if data.get("due_from") and data.get("due_to") and data["due_to"] < data["due_from"]:
            raise ValidationError(_("El final del rango es anterior a su inicio."), "due_to")


class ActivityFiltersSchema(SearchedPageQuery):
    pass


class ReportFiltersSchema(SearchedPageQuery):
    status = Choice(ReportStatus, description="Report status.")
    activity = RecordId(description="Activity id.")


class ProjectFiltersSchema(SearchedPageQuery):
    status = Choice(ProjectStatus, description="Project status.")


class SearchQuerySchema(Query):
    q = Text(required=True, max_length=200, not_blank=True, description="The words to find.")
    kind = Choice(KINDS, description="Only this kind of record.")
