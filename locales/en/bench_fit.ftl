fit-push-head = 🎯 <b>{ $developer }</b> fits a new request — { $score }%
fit-push-reasons = { $reasons }
fit-push-common = ✅ shared stack: { $stack }
fit-push-missing = ➖ missing: { $stack }
fit-card-gone = The request was deleted.
fit-reason-stack = stack { $hit }/{ $total }
fit-reason-stack-none = the request names no stack
fit-reason-grade-exact = grade fits
fit-reason-grade-near = grade close
fit-reason-grade-off = grade off
fit-reason-grade-unknown = grade unknown
fit-reason-rate-within = rate { $rate } ≤ { $high } ₽/h
fit-reason-rate-from = rate { $rate } ₽/h, budget from { $low }
fit-reason-rate-below = rate { $rate } below the budget from { $low } ₽/h
fit-reason-rate-no-budget = rate { $rate } ₽/h, the request names no budget
fit-reason-rate-dev-unknown = the developer's rate is unknown
fit-reason-free-now = free now
fit-reason-free-later = { $days ->
    [one] free in { $days } day
   *[other] free in { $days } days
}
fit-btn-propose = 🤝 Propose
fit-btn-reject = 🚫 Not a fit
fit-btn-open = 📄 Open the request
fit-btn-item = { $n }. #{ $id }
fit-btn-all = All fits
fit-btn-prefs = 🎯 Bench fits
fit-btn-list = My fits
fit-btn-pause = ⏸ Pause
fit-btn-resume = ▶️ Resume
fit-btn-status = 👤 Owner and status
fit-btn-owner = 👤 Change owner
fit-btn-busy = ⏳ Busy
fit-btn-free = ✅ Free
fit-btn-confirm = ✅ Still free
fit-btn-placed = 🏁 Placed (off the bench)
fit-btn-edit = ✏️ Edit
fit-rejected = 🚫 <i>Not a fit — we will not suggest this developer for this request again.</i>
fit-rejected-alert = Marked: not a fit
fit-digest-head = { $count ->
    [one] 🎯 { $count } new request fits your bench
   *[other] 🎯 { $count } new requests fit your bench
}
fit-digest-line = { $n }. #{ $id } { $title } — <b>{ $developer }</b>, { $score }%
fit-digest-more = …and { $count } more under “All fits”
fit-list-head = <b>Bench fits</b>: { $count }
fit-list-empty = No bench fits yet.
fit-prefs = <b>Bench fits</b>
    Threshold: { $threshold }%
    Quiet hours: { $quiet } ({ $timezone })
    Notifications: { $state }
    When a new request fits a free developer, the developer's owner hears at once. In quiet hours fits wait and arrive as one digest.
fit-prefs-quiet-off = none
fit-prefs-quiet-range = { $start }:00–{ $end }:00
fit-prefs-default = default
fit-prefs-active = on
fit-prefs-paused = paused
fit-dev-status = <b>{ $developer }</b>
    Owner: { $owner }
    Status: { $state }
fit-dev-no-owner = nobody
fit-dev-free = free
fit-dev-busy = busy (not offered as a fit)
fit-dev-placed = placed, off the bench
fit-owner-pick = Who sells { $developer }?
fit-stale-date = ⏰ <b>{ $developer }</b>: the availability date { $date } passed { $days ->
    [one] { $days } day
   *[other] { $days } days
} ago. Still free?
fit-stale-updated = ⏰ <b>{ $developer }</b>: not updated for { $days ->
    [one] { $days } day
   *[other] { $days } days
}. Please confirm or update the entry.
crm-error-bad_threshold = The threshold must be between 30 and 100%.
crm-error-bad_quiet_hours = Quiet hours: two hours from 0 to 23, or none.
crm-error-bad_owner = This person cannot own the developer: they are not in the developer's team.
command-fits = Bench fits
fit-prefs-threshold-btn = 🎯 { $value }%
fit-prefs-quiet-off-btn = 🌙 no quiet hours
fit-prefs-quiet-btn = 🌙 { $start }–{ $end }
