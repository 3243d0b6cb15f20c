"""Delivery: pending outbox rows → one digest per recipient → one SMTP connection.

    claim ──► load ──► digest ──► render ──► message ──► send ──► stamp
    outbox    load     digest     render     message     sender   outbox
              (named   (+ bound,  (+ wording) (Flask-    (+ transport,
               rows)    links)                 Mail)       refusals)

- `outbox`: claim the due rows (committed, so a second deliverer skips them); before each
  send, check they are still this run's; stamp `sent`, or count a failure and back off.
- `load`: a batch of whole recipients, each row with its item as it is now (`OutboxRow`);
  rows whose item was closed, deleted or moved are `skipped`.
- `digest`: one line per item in sections, bounded per section (`bound`: "y N más", the unit's
  summary); only the lines shown get their links (`links`, one insert per batch) and news
  (`news`).
- `render` + `wording`: subject, text and HTML in the recipient's language, from templates
  compiled once per run; `message`: Flask-Mail's Message; `sender` + `transport` + `refusals`:
  one SMTP connection, the server's SIZE (fewer lines, or the digest fails alone), a 5xx fails
  one digest, a 4xx defers it, a lost connection leaves the rest for a retry.

A crash between the server's acceptance and the commit of `sent` repeats at most that one
digest once the claim runs out: delivery is at-least-once, with a window of one message.
`job.deliver` runs it all; `ids` selects rows by runs of consecutive ids.
"""

from jobs.delivery.job import deliver
from jobs.delivery.outbox import CLAIM, DeliveryResult

__all__ = ["CLAIM", "DeliveryResult", "deliver"]
