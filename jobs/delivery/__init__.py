"""The delivery's parts, split by concern; `jobs.deliver` runs them.

- `smtp`: the SMTP connection (timeout, the server's SIZE, reconnecting);
- `refusals`: what an SMTP error means for one digest and for the rest of the run;
- `bound`: a digest's size bound (a cap per section, "y N más", the unit's summary).
"""
