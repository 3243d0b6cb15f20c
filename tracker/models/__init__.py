"""The domain model, one module per aggregate; importing this package registers every table."""

from tracker.models.access_token import AccessToken
from tracker.models.action_token import ActionToken, MailAction
from tracker.models.activity import Activity, ActivitySeries, HandoverNote, activity_organizers
from tracker.models.attachment import Attachment
from tracker.models.audit import AuditEvent
from tracker.models.followup import FollowUp, FollowUpEvent, FollowUpWatcher
from tracker.models.login_failure import LoginFailure
from tracker.models.notification import ItemType, Notification, NotificationStatus
from tracker.models.organization import Organization
from tracker.models.person import Person
from tracker.models.project import (
    Project,
    ProjectExtension,
    ProjectInstitution,
    SustainableDevelopmentGoal,
    project_sdgs,
)
from tracker.models.report import ParticipationReport
from tracker.models.report_link import ReportLink
from tracker.models.saved_view import SavedView
from tracker.models.scheduler_lease import SchedulerLease
from tracker.models.user import User
from tracker.models.user_notice import UserNotice

__all__ = [
    "AccessToken",
    "ActionToken",
    "Activity",
    "ActivitySeries",
    "Attachment",
    "AuditEvent",
    "FollowUp",
    "FollowUpEvent",
    "FollowUpWatcher",
    "HandoverNote",
    "ItemType",
    "LoginFailure",
    "MailAction",
    "Notification",
    "NotificationStatus",
    "Organization",
    "ParticipationReport",
    "Person",
    "Project",
    "ProjectExtension",
    "ProjectInstitution",
    "ReportLink",
    "SavedView",
    "SchedulerLease",
    "SustainableDevelopmentGoal",
    "User",
    "UserNotice",
    "activity_organizers",
    "project_sdgs",
]
