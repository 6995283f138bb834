"""The newsroom's inflow: watched feeds polled for new articles, readers' tips, and a desk that stays current.

`models` (feeds, feed items, tips, desk visits), `polling` (one poll of one feed), `tips` (grouping,
rate limits, notifications), `live` (the desk version behind the polls' ETags, and who has a claim open).
"""
