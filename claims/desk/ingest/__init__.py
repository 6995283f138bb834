"""Ingest on the desk: pasted text, an uploaded file or a URL queued for analysis, its progress, and
an article's page with its claims and figures marked (`highlighting`)."""
