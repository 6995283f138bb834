"""How a figure was reported: the series of reports of one measure and event, and their charts.

`charts` is plain Python (grouping reports by origin, placing them on a chart); `series` reads figures
from the database into those reports. Both sites use it: the desk's workspace, the public verdict page
and the public event pages. It may import the models and the analysis, never the desk or the public
site; `markup` writes the charts' HTML (the templates' `{% report_chart %}`).
"""
