"""Everything that changes state. Operations validate, change, record history and flush;
the request or job that called them commits once."""
