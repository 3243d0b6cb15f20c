"""The one map from a record a notice is about (its ItemType) to the page that shows it.

The outbox pages, the in-app notices and the reminder mail's links all lead to these pages;
the mail builds its URLs against TRACKER_BASE_URL outside a request (jobs/delivery/links.py),
the pages with `url_for`.
"""

from flask import url_for

from tracker.models.notification import ItemType

#: ItemType → (endpoint, the endpoint's id argument).
ITEM_PAGES: dict[ItemType, tuple[str, str]] = {
    ItemType.FOLLOWUP: ("followups.show", "followup_id"),
    ItemType.REPORT: ("reports.show", "report_id"),
    ItemType.PROJECT: ("projects.show", "project_id"),
}


def item_page_url(item_type: ItemType | str, item_id: int, **options) -> str:
    """The page of record `item_id` of `item_type` (options go to `url_for`, e.g. _external)."""
    endpoint, key = ITEM_PAGES[ItemType(item_type)]
    return url_for(endpoint, **{key: item_id}, **options)
