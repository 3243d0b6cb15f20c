"""The WSGI entry: `gunicorn tracker.wsgi:app`.

The config is chosen by TRACKER_CONFIG (`production` on a server; see README, Producción).
Building the app starts no scheduler: run one `tracker scheduler` beside the web workers.
"""

import os

from config import CONFIGS
from tracker import create_app

app = create_app(CONFIGS[os.environ.get("TRACKER_CONFIG", "default")])
