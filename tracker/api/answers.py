"""What the API answers, described once: these schemas serialize every answer and write the
response part of the OpenAPI document. Every property of an answer is always present (null when
empty) and no other, which the document says (`required`, `additionalProperties: false`)."""

from flask import url_for
from marshmallow import Schema, fields

from tracker.api.schemas import MAX_PER_PAGE
from tracker.models.enums import (
    ActivityKind,
    FollowUpKind,
    FollowUpStatus,
    InstitutionRole,
    Modality,
    Priority,
    ProjectStatus,
    ReportStatus,
)


class Answer(Schema):
    """Every declared property is in every answer."""

    def on_bind_field(self, field_name, field_obj):
        field_obj.required = True


def _enum(enum_cls, **kwargs) -> fields.Enum:
    return fields.Enum(enum_cls, by_value=fields.String, **kwargs)


class AppUrl(fields.String):
    """The record's page in the app (read from its id)."""

    def __init__(self, endpoint: str, argument: str):
        super().__init__(
            dump_only=True,
            metadata={"format": "uri", "description": "The page of this record in the app."},
        )
        self.endpoint, self.argument = endpoint, argument

    def serialize(self, attr, obj, accessor=None, **kwargs):
        return url_for(self.endpoint, **{self.argument: obj.id}, _external=True)


class Changes(fields.Dict):
    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize(value or {}, attr, obj, **kwargs)


class RefSchema(Answer):
    id = fields.Integer()
    name = fields.String()


class UserRefSchema(Answer):
    """A user, named by their person."""

    id = fields.Integer()
    name = fields.String(attribute="person.name")


def _ref(schema=RefSchema, **kwargs) -> fields.Nested:
    return fields.Nested(schema, allow_none=True, **kwargs)


class FollowUpSchema(Answer):
    class Meta:
        description = "A follow-up as lists show it."

    id = fields.Integer()
    kind = _enum(FollowUpKind)
    title = fields.String()
    description = fields.String(allow_none=True)
    status = _enum(FollowUpStatus)
    priority = _enum(Priority)
    owner = _ref()
    organization = _ref()
    project_id = fields.Integer(allow_none=True)
    activity_id = fields.Integer(allow_none=True)
    report_id = fields.Integer(allow_none=True)
    start_on = fields.Date(allow_none=True)
    due_on = fields.Date(allow_none=True)
    original_due_on = fields.Date(
        allow_none=True, metadata={"description": "The first due date; never moves."}
    )
    reschedule_count = fields.Integer(metadata={"minimum": 0})
    is_due_estimated = fields.Boolean(
        metadata={"description": "The due date was guessed and waits for confirmation."}
    )
    completed_on = fields.Date(allow_none=True)
    version = fields.Integer(
        metadata={"minimum": 1, "description": "Changes with every edit; send it back in PATCH."}
    )
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    url = AppUrl("followups.show", "followup_id")


class FollowUpEventSchema(Answer):
    class Meta:
        description = (
            "One entry of a follow-up's history. `actor` is a user (null: the system or a mail "
            "link)."
        )

    id = fields.Integer()
    action = fields.String(
        metadata={"description": "created, updated, status, rescheduled, comment, deleted, …"}
    )
    actor = _ref(UserRefSchema)
    changes = Changes(
        keys=fields.String(),
        values=fields.List(fields.String(allow_none=True), metadata={"minItems": 2, "maxItems": 2}),
        metadata={"description": "{field: [old, new]} as text."},
    )
    comment = fields.String(allow_none=True)
    created_at = fields.DateTime()


class FollowUpDetailSchema(FollowUpSchema):
    class Meta:
        description = "A follow-up with its history, oldest first."

    events = fields.List(fields.Nested(FollowUpEventSchema))


class ActivitySchema(Answer):
    id = fields.Integer()
    name = fields.String()
    kind = _enum(ActivityKind)
    modality = _enum(Modality)
    start_on = fields.Date()
    end_on = fields.Date()
    place = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    series = _ref()
    organizers = fields.List(fields.Nested(RefSchema))
    created_at = fields.DateTime()
    url = AppUrl("activities.show", "activity_id")


class ReportSchema(Answer):
    class Meta:
        description = "A participation report. `approved_by` is a user."

    id = fields.Integer()
    activity = fields.Nested(RefSchema)
    person = fields.Nested(RefSchema)
    role = fields.String(allow_none=True)
    status = _enum(ReportStatus)
    due_on = fields.Date()
    contribution = fields.String(allow_none=True)
    motive = fields.String(allow_none=True)
    achievements = fields.List(fields.String(), attribute="achievement_list")
    lessons = fields.List(fields.String(), attribute="lesson_list")
    comments = fields.String(allow_none=True)
    return_reason = fields.String(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    approved_at = fields.DateTime(allow_none=True)
    approved_by = _ref(UserRefSchema)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    url = AppUrl("reports.show", "report_id")


class ReportDetailSchema(ReportSchema):
    class Meta:
        description = "A participation report with the follow-ups written from it."

    commitments = fields.List(
        fields.Nested(FollowUpSchema),
        metadata={"description": "Its live commitments and actions, as its page lists them."},
    )


class InstitutionSchema(Answer):
    organization = fields.Nested(RefSchema)
    role = _enum(InstitutionRole)


class SdgSchema(Schema):
    number = fields.Integer(metadata={"minimum": 1, "maximum": 17})


class ProjectSchema(Answer):
    id = fields.Integer()
    name = fields.String()
    status = _enum(ProjectStatus)
    thematic_area = fields.String(allow_none=True)
    country = fields.String(allow_none=True)
    city = fields.String(allow_none=True)
    beneficiaries = fields.String(allow_none=True)
    planned_start_on = fields.Date(allow_none=True)
    duration_months = fields.Integer(allow_none=True)
    planned_end_on = fields.Date(allow_none=True)
    actual_end_on = fields.Date(allow_none=True)
    general_objective = fields.String(allow_none=True)
    specific_objectives = fields.List(fields.String(), attribute="specific_objective_list")
    description = fields.String(allow_none=True)
    information_updated_on = fields.Date(allow_none=True)
    update_interval_months = fields.Integer()
    lead = _ref()
    sdgs = fields.Pluck(SdgSchema, "number", many=True)
    institutions = fields.List(fields.Nested(InstitutionSchema))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    url = AppUrl("projects.show", "project_id")


def page_of(item: type[Schema]) -> type[Schema]:
    """The schema of one page of `item` (a Flask-SQLAlchemy Pagination)."""
    name = item.__name__.removesuffix("Schema")

    class Meta:
        description = "One page; a page past the last one is empty, not an error."

    return type(
        f"{name}PageSchema",
        (Answer,),
        {
            "Meta": Meta,
            "items": fields.List(fields.Nested(item)),
            "page": fields.Integer(metadata={"minimum": 1}),
            "per_page": fields.Integer(metadata={"minimum": 1, "maximum": MAX_PER_PAGE}),
            "total": fields.Integer(metadata={"minimum": 0}),
            "pages": fields.Integer(metadata={"minimum": 0}),
        },
    )


class RefusedItemSchema(Answer):
    id = fields.Integer()
    title = fields.String()
    reason = fields.String(metadata={"description": "Why this one was left as it was."})


class BulkResultSchema(Answer):
    class Meta:
        description = "What a bulk change did: the follow-ups changed, and each one refused."

    changed = fields.List(fields.Nested(FollowUpSchema))
    refused = fields.List(fields.Nested(RefusedItemSchema))


class SearchGroupSchema(Answer):
    kind = fields.String()
    total = fields.Integer(metadata={"description": "Matches read (at most the cap)."})
    more = fields.Boolean(metadata={"description": "More matched than the total says."})
    ids = fields.List(fields.Integer(), metadata={"description": "Newest first."})


class SearchResultSchema(Answer):
    query = fields.String()
    groups = fields.List(fields.Nested(SearchGroupSchema))


class ErrorSchema(Schema):
    """Every error. Only `error` and `message` are always there."""

    class Meta:
        description = (
            "Every error. `error` is a short code (unauthorized, invalid_token, forbidden, "
            "not_found, method_not_allowed, unsupported_media_type, malformed_json, "
            "invalid_body, validation_error, version_conflict, invalid_transition, "
            "invalid_state, payload_too_large, server_error); `message` a sentence in the "
            "request's language; `fields` the message for each wrong field."
        )

    error = fields.String(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(keys=fields.String(), values=fields.String(), data_key="fields")
    allowed = fields.List(
        _enum(FollowUpStatus),
        metadata={"description": "invalid_transition only: the statuses reachable from now."},
    )
    current = fields.Nested(
        FollowUpDetailSchema,
        metadata={"description": "version_conflict only: the follow-up as it is now."},
    )
