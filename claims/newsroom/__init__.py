"""The newsroom's machinery: turning analysis results into rows, and the work done behind the pages.

`ingest` (analysis results → sources, articles, claims, figures and contradictions, in short
transactions; the one `resolve_source` and the one publication-time rule), `budgets` and `comparison`
(the analysis and the pairing of figures in a child process with a time and memory budget), `fetching`
(web pages without reaching inside our network), `evidence` (recording and archiving cited pages),
`tasks` (the background tasks), `workers` (telling a dead task worker from a busy one) and `backups`.
It may import the models, the analysis and `claims/events/`; never the desk, the public site or a view.
"""
