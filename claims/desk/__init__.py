"""The editors' site (/desk/): one sub-package per feature, each with its views, forms and queries.

`ingest` (bringing articles in, an ingest's progress, an article's page), `queue` (the review queue),
`workspace` (one claim: evidence, verdict, status, history), `board` (the contradiction board and its
cards, which the workspace and article pages also show); `home` (the desk's front page), `htmx` (when to
answer with a fragment), `pagination` (counts that stop at a cap) and `urls`. Watched feeds and tips
live in `claims/inflow/`, events in `claims/events/`; their desk routes are in `urls` too. It may import
the models, `claims/newsroom/`, `claims/reporting/` and `claims/events/`; never `claims/public/`.
"""
