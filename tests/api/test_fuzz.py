"""Whatever JSON object a program sends to a write endpoint, the answer is a documented 4xx or a
success — never a 500 (the `api` client also checks each answer against the document)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.api import schemas
from tracker.models.enums import Role

KNOWN_KEYS = sorted(
    {
        *schemas.FollowUpCreateSchema().fields,
        *schemas.FollowUpUpdateSchema().fields,
        *schemas.StatusChangeSchema().fields,
        *schemas.RescheduleSchema().fields,
        *schemas.CommentCreateSchema().fields,
        *schemas.BulkChangeSchema().fields,
    }
)
# Values that pass some checks and not others, so that random bodies reach the operations.
PLAUSIBLE = st.sampled_from(
    ["task", "done", "open", "in_progress", "high", "status", "owner", "reschedule", "delete",
     "2026-12-31", "2026-01-01", "", " ", "x",
     0, 1, 2, -1, 2**31, 2**31 - 1, True, None, 1.0, [], {}]
)  # fmt: skip
leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(), PLAUSIBLE
)
value = st.recursive(
    leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)
bodies = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=10)), value, max_size=8
)
ENDPOINTS = [
    ("POST", "/followups"),
    ("PATCH", "/followups/{id}"),
    ("POST", "/followups/{id}/status"),
    ("POST", "/followups/{id}/reschedule"),
    ("POST", "/followups/bulk"),
]


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_random_bodies_never_crash(api, make, method, path):
    coordinator = make.user(Role.COORDINATOR)
    followup = make.followup(owner=coordinator.person)
    client = api(coordinator)
    url = path.format(id=followup.id)

    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=bodies)
    def send(body):
        response = client.request(method, url, body)
        assert response.status_code < 500

    send()
