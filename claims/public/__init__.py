"""The reader site and the API: only published verdicts, and only their published copy.

`views` (home, verdict page, sources, search page, corrections, robots.txt), `queries` (what those pages,
the API and the sitemap read; the API and the sitemap import queries, never views), `api` (the
read-only JSON API), `feeds` (Atom and RSS), `sitemaps`, `claimreview` (schema.org markup and the public
changelog), `search`, `shared_results` and `caching` (the page cache and `public_page`), `urls`. Event
pages live in `claims/events/`, tips in `claims/inflow/`. It may import the models, `claims/reporting/`
and `claims/newsroom/evidence`; never `claims/desk/`.
"""
