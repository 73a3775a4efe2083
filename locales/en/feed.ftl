feed-filters-summary = <b>Feed filters</b>
    Kind: { $kind }
    Role family: { $roles }
    Stack: { $stack }
    Grade: { $grades }
    Format: { $formats }
    Rate: { $rate }
    Period: { $period }
feed-show = 🔎 Show
feed-reset = ↺ Reset
feed-reset-done = Filters reset
feed-save = 🔔 Save as a search
feed-filters = ⚙️ Filters
feed-more = More ▶
feed-empty = Nothing matches these filters yet.
feed-end = No more requests.
feed-page = Shown: { $count }
filter-any = any
filter-kind = Kind
filter-roles = Role
filter-stack = Stack
filter-grades = Grade
filter-formats = Format
filter-rate = Rate
filter-period = Period
picker-kind = Pick a kind:
picker-roles = Pick role families:
picker-stack = Pick the stack (popular this month):
picker-grades = Pick grades:
picker-formats = Pick a format:
picker-rate = Rate, RUB/hour:
picker-period = Which period:
rate-between = { $low }–{ $high } RUB/h
rate-from = from { $low } RUB/h
rate-to = up to { $high } RUB/h
rate-any = any
