"""The API's interactive docs at /api/v1/docs: Swagger UI reading /api/v1/openapi.json, from
the app's own static files (fetched from npm at build; no CDN) and started by an external
script, so the app's Content-Security-Policy (script-src 'self') holds.

Open to anyone, like the document it renders: the page holds nothing the public document does
not, and trying a call still needs a personal token (typed into "Authorize", kept only in the
browser tab), so asking for a login first would protect nothing. It is a plain Flask blueprint,
not an operation of the API, so it is not in the document it shows.
"""

from flask import Blueprint, render_template

from tracker.api.spec import PREFIX

bp = Blueprint("api_docs", __name__, url_prefix=PREFIX)


@bp.get("/docs")
def page():
    """Swagger UI over this app's OpenAPI document."""
    return render_template("api/docs.html")
