# Pipeline card
crm-stage-since = Stage: { $stage } (since { $since })
crm-lost-reason = Lost: { $reason }
crm-take = 🤝 Take into work
crm-to-stage = → { $stage }
crm-to-lost = ✖ Lost
crm-moved = Moved to “{ $stage }”
crm-lost-ask = Why was it lost?
crm-lost-budget = Budget too low
crm-lost-rejected = Client rejected our candidates
crm-lost-closed = Closed by the client
crm-lost-no_candidates = No candidates
crm-lost-other = Other
crm-action-match = 🎯 Matching developers
crm-action-interviews = 📅 Interviews
crm-action-client = 🏢 Client
crm-action-note = ✎ Note
crm-action-task = ☑ Task
crm-offer-to-bench = ➕ To the bench
crm-back = ◀ Back
crm-prev = ◀
crm-next = ▶
crm-req-usage = Usage: /req &lt;request number&gt;, e.g. /req 12
crm-note-ask = Write the note as your next message.
crm-note-saved = Note saved.
# My requests
crm-my-title = <b>My requests</b>: { $total }
crm-my-empty = Nothing here yet: take a request from /feed.
crm-my-all = All
# The team's requests
crm-team-title = <b>Team requests</b>: { $total }
crm-team-empty = The team has no requests yet.
# Tasks
crm-task-ask = Write the task as your next message; add a due time after “;”, e.g. “Call the client; 05.03 14:30” (your time zone).
crm-task-saved = Task saved. The list: /tasks
crm-tasks-title = <b>Open tasks</b>: { $total }
crm-tasks-empty = No open tasks.
crm-task-due = due { $due }
crm-task-done = ✅ { $title }
crm-task-closed = Task done
# Matching
crm-match-title = <b>Bench for request { $title }</b>
crm-match-none = Nobody on the bench fits request { $title } yet.
crm-match-line = { $n }. <b>{ $name }</b> — { $score }%: { $reasons }
crm-match-stack =     stack: { $stack }
crm-propose = Propose { $n }. { $name }
crm-proposed = Developer proposed
crm-proposed-pick-day = Proposed. Pick the interview day:
crm-reason-stack_overlap = stack fits
crm-reason-stack_none = no shared stack
crm-reason-grade_exact = grade fits
crm-reason-grade_near = grade close
crm-reason-grade_off = grade off
crm-reason-grade_unknown = grade unknown
crm-reason-rate_in_range = rate in budget
crm-reason-rate_below = rate below budget
crm-reason-rate_above = rate above budget
crm-reason-rate_far_outside = ⚠️ rate far outside the budget
crm-reason-rate_unknown = rate unknown
crm-reason-available = available
crm-reason-available_late = available later
crm-reason-format_ok = format fits
crm-reason-format_mismatch = format differs
crm-fit-line = #{ $id } { $title } — { $score }%
crm-fit-none = No open requests fit this developer.
# Interviews
crm-pick-time = Pick the time (your time zone):
crm-interview-set = Interview scheduled. Reminders will come before it.
crm-interview-moved = Interview moved. Reminders will come before the new time.
crm-interview-line = Interview #{ $id }: { $when } ({ $tz })
crm-interviews-none = No interviews yet.
crm-outcome-button = #{ $id } { $outcome }
crm-reschedule-button = #{ $id } reschedule
crm-outcome-passed = passed
crm-outcome-failed = failed
crm-outcome-no_show = no-show
crm-outcome-saved = Outcome saved
crm-weekday-0 = Mon
crm-weekday-1 = Tue
crm-weekday-2 = Wed
crm-weekday-3 = Thu
crm-weekday-4 = Fri
crm-weekday-5 = Sat
crm-weekday-6 = Sun
crm-reminder-interview = ⏰ Interview for “{ $title }” with { $developer } at { $when }
crm-reminder-stale = ⏰ “{ $title }” has been at stage “{ $stage }” for { $days ->
    [one] { $days } day
   *[other] { $days } days
} — time to move it?
# Bench
crm-bench-title = <b>Bench</b>: { $total ->
    [one] { $total } developer
   *[other] { $total } developers
}
crm-bench-empty = The bench is empty. Add a developer or send a CSV file.
crm-bench-add = ➕ Add a developer
crm-bench-added = Added to the bench
crm-dev-rate = Rate: { $rate } ₽/h
crm-dev-available = Available from { $date }
crm-dev-inactive = Off the bench
crm-dev-requests = 🎯 Fitting requests
crm-dev-off = Take off the bench
crm-dev-edit = ✏️ Edit
crm-dev-roles = Role: { $roles }
crm-dev-english = English: { $level }
crm-dev-location = Location: { $location }
crm-dev-cv = CV: { $url }
crm-field-name = Name
crm-field-roles = Role
crm-field-stack = Stack
crm-field-grade = Grade
crm-field-rate = Rate
crm-field-available = Available from
crm-field-english = English
crm-field-location = Location
crm-field-cv = CV link
crm-english-native = Native
crm-none = Not specified
crm-form-name = Developer's name?
crm-form-stack = Stack, comma separated (e.g. Python, Django)?
crm-form-grade = Grade ({ $grades })?
crm-form-rate = The rate as you would write it: “2800 ₽/h”, “from 250k a month”, “$40/h” (or “-” to skip)?
crm-form-roles = The developer's role?
crm-form-available = Available from which date (dd.mm.yyyy), or “now”?
crm-form-english = English level?
crm-form-location = City or country (or “-” to skip)?
crm-form-cv = CV link (or “-” to skip)?
crm-csv-done = CSV imported: { $added } added, { $failed ->
    [one] { $failed } line
   *[other] { $failed } lines
} with errors.
crm-csv-error = Line { $line }, { $column }: { $error }
crm-csv-too-big = The file is too big (512 KB at most).
# Clients
crm-contact-telegram = Telegram
crm-contact-email = E-mail
crm-contact-phone = Phone
crm-client-requests = Requests: { $count }
crm-client-notes = Notes:
# Errors
crm-error-generic = This value cannot be used.
crm-error-invalid_transition = This stage cannot be reached from the current one.
crm-error-lost_reason_required = Say why the request was lost.
crm-error-bad_name = The name is empty or too long.
crm-error-bad_grade = Unknown grade.
crm-error-bad_role = Unknown role.
crm-error-bad_format = Unknown work format.
crm-error-bad_english = Unknown English level (A1…C2, native).
crm-error-bad_stack = A stack item is too long.
crm-error-bad_currency = Unknown currency.
crm-error-bad_period = Unknown period (hour, day, week, month, year).
crm-error-bad_rate = Not a valid rate.
crm-error-bad_date = Not a valid date (2025-03-01 or 01.03.2025).
crm-error-bad_url = Not a valid link.
crm-error-unknown_field = Unknown field.
crm-error-not_an_offer = This card is not a developer offer.
crm-error-developer_inactive = This developer is off the bench.
crm-error-bad_timezone = Unknown time zone.
crm-error-interview_in_past = This time has already passed.
crm-error-bad_outcome = Unknown outcome.
crm-error-outcome_already_set = The outcome is already recorded.
crm-error-bad_contact_kind = Unknown contact kind.
crm-error-bad_telegram = Not a Telegram username.
crm-error-bad_email = Not an e-mail address.
crm-error-bad_phone = Not a phone number.
crm-error-empty_note = The note is empty.
crm-error-empty_task = The task is empty.
crm-error-bad_due = I could not read the due time. Write the task again: “title; dd.mm HH:MM”.
crm-error-csv_no_header = The file needs a header row with at least a “name” column.
crm-error-csv_unknown_column = The file has unknown columns.
crm-error-csv_too_many_rows = Too many rows (2000 at most).
