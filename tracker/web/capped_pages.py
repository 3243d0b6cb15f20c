"""A page of a list whose count stops early: at a million rows, "999+ resultados" costs one
bounded index range, where the exact number would read every matching row on each page."""

from flask import current_app
from sqlalchemy import Select, select

from tracker.extensions import db
from tracker.queries.followups import COUNT_CAP, capped_count
from tracker.web.helpers import page_number


def capped_paginate(query: Select):
    """Like helpers.paginate, with `total` counted up to COUNT_CAP rows past the page's start
    and `total_capped` true when the count stopped there (the template says "más de …")."""
    per_page = min(current_app.config["ITEMS_PER_PAGE"], 200)
    page = db.paginate(query, page=page_number(), per_page=per_page, error_out=False, count=False)
    cap = (page.page - 1) * per_page + COUNT_CAP
    page.total = db.session.scalar(select(capped_count(query, cap=cap)))
    page.total_capped = page.total >= cap
    return page
