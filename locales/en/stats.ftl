# Charts (analytics) and /stats
chart-no-data = No data for this period
chart-no-data-hint = Try a longer period or fewer filters.
chart-new = new
chart-days = { $n } d
chart-hours = { $n } h
chart-period = { $days ->
    [one] last { $days } day
   *[other] last { $days } days
}
chart-granularity-day = by day
chart-granularity-week = by week
chart-granularity-month = by month
chart-sources-filter = { $count ->
    [one] { $count } source
   *[other] { $count } sources
}
chart-axis-requests = Requests
chart-axis-rub-hour = RUB per hour
chart-legend-change = In period (vs previous)
chart-panel-roles = By role family
chart-panel-grades = By grade
chart-panel-stacks = By technology
chart-demand-stack-title = Demand by technology
chart-demand-stack-caption = Rising: { $rising }. Falling: { $falling }.
chart-demand-roles-title = Demand by role family and grade
chart-supply-title = Supply against demand
chart-supply-requests = Requests
chart-supply-available = Our bench + offers
chart-supply-index-note = Bold figure: requests per available developer (above 1: demand we do not meet).
chart-rates-title = Rates, RUB per hour: median and interquartile range
chart-rates-stated = { $share } of requests state a rate
chart-rates-iqr = middle half (25–75 %)
chart-rates-median = median
chart-rates-over-time = Median over time
chart-channels-title = Channels
chart-channels-requests = requests
chart-channels-cross = cross-posts
chart-channels-first = first
chart-channels-age = quiet for
chart-channels-axis = Posts in the period
chart-channels-note = Red: no post for { $days } days or more (a silent source may be broken).
chart-response-title = Our response time
chart-response-within-hour = answered within an hour: { $share }
chart-response-all = Everyone
chart-response-lt15m = < 15 min
chart-response-lt1h = 15–60 min
chart-response-lt4h = 1–4 h
chart-response-lt24h = 4–24 h
chart-response-gt24h = > 24 h
chart-response-never = never
chart-pipeline-title = Pipeline
chart-pipeline-win-rate = win rate { $share } (won { $won }, lost { $lost })
chart-pipeline-reached = Reached the stage
chart-pipeline-note = Beside each stage: cards that reached it · share of all · median time spent in it
chart-pipeline-lost-reasons = Lost reasons
chart-pipeline-no-reason = no reason given
chart-pipeline-none-lost = Nothing lost in this period
csv-bucket = period start
csv-stack = technology
csv-requests = requests
csv-period-total = requests in period
csv-previous-total = requests in previous period
csv-dimension = dimension
csv-value = value
csv-offers = offers
csv-bench = bench developers
csv-index = requests per developer
csv-stack-grade = technology · grade
csv-q1 = 25th percentile
csv-median = median
csv-q3 = 75th percentile
csv-source = source
csv-posts = posts
csv-request-share = share of requests
csv-cross-posts = cross-posts
csv-cross-share = share of cross-posts
csv-first-posts = first to post
csv-last-post = last post
csv-level = level
csv-name = name
csv-within-hour = share within an hour
csv-now = now
csv-reached = reached
csv-median-hours = median hours in stage
stats-summary-requests = Requests: { $count } ({ $change })
stats-summary-top = Top: { $stacks }
stats-summary-within-hour = Answered within an hour: { $share }
stats-summary-win-rate = Win rate: { $share }
menu-stats = 📊 Analytics
command-stats = Analytics: charts and CSV
stats-title = <b>Analytics</b>
    Pick a report, a period, a granularity and, if you like, filters; then press “Show”.
stats-report-overview = Everything
stats-report-market = Market
stats-report-team = Our team
stats-report-channels = Channels
stats-period = { $days } d
stats-filter-roles = Roles
stats-filter-stack = Stack
stats-filter-grades = Grades
stats-filter-formats = Format
stats-filter-sources = Sources
stats-picker-roles = Role families to count:
stats-picker-stack = Technologies to count:
stats-picker-grades = Grades to count:
stats-picker-formats = Formats to count:
stats-picker-sources = Sources to count:
stats-reset = ♻️ Reset filters
stats-show = 📊 Show
stats-drawing = Drawing the charts…
stats-after = The tables behind these charts are one press away.
stats-csv = 📄 CSV
stats-change = ⚙️ Change
stats-failed = { $count ->
    [one] One chart could not be drawn; the others are here.
   *[other] { $count } charts could not be drawn; the others are here.
}
