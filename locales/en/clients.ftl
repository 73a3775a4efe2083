menu-clients = 🏢 Clients
command-clients = Clients
clients-empty = No clients yet. They appear as requests come in (or run `radar clients backfill`).
clients-title = Clients: { $total } (page { $page } of { $pages })
clients-lifecycle-new = new
clients-lifecycle-active = active
clients-lifecycle-returning = returning
clients-lifecycle-dormant = dormant
clients-lifecycle-lost = lost
clients-segment-champion = champion
clients-segment-loyal = loyal
clients-segment-big_spender = big spender
clients-segment-promising = promising
clients-segment-need_attention = needs attention
clients-segment-hibernating = hibernating
clients-segment-lost = lost
clients-not-computed = not computed yet
clients-owner = Owner: { $owner }
clients-no-owner = nobody
clients-state = Lifecycle: { $lifecycle } · segment: { $segment }
clients-churn-none = Churn risk: not scored (one request is too little history)
clients-churn = Churn risk: { $percent }%
clients-churn-at-risk = ⚠ Churn risk: { $percent }% — at risk
clients-rfm = Last request { $recency ->
    [one] { $recency } day ago
   *[other] { $recency } days ago
  } · { $recent } in 90 days · est. value { $value } ₽
clients-requests = Requests: { $total }, open: { $open }
clients-take = 🙋 Take this client
clients-taken = The client is yours: churn alerts come to you.
clients-rename = ✏ Rename
clients-merge = 🔗 Merge
clients-contact = ➕ Contact
clients-same-segment = Clients of this segment
clients-ask-name = Type the client's new name (/cancel to stop).
clients-ask-merge = Type the number (#…) of the client to merge into this one (/cancel to stop).
clients-ask-contact = Type a @username, an e-mail or a phone (/cancel to stop).
clients-contact-taken = Another client already has this contact.
clients-task-at-risk = { $client }: { $count ->
    [one] { $count } { $role } request
   *[other] { $count } { $role } requests
  } in 3 months, none for { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
  } — at risk
clients-task-dormant = { $client } has gone quiet: { $count ->
    [one] { $count } { $role } request
   *[other] { $count } { $role } requests
  } before, none for { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
  }
crm-error-empty_name = The name is empty.
crm-error-merge_self = A client cannot be merged into itself.
crm-error-bad_client_number = Type the client's number, e.g. #12.
crm-error-bad_filter = Unknown filter.
clients-next-needs-none = Likely next needs: none to show yet.
clients-needs-own-history = Likely next needs, by this client's own history (share of its recent requests; the network did not beat this on the time split):
clients-needs-network = Likely next needs (network):
clients-needs-popular = Likely next needs: one request is too little history, so what clients ask most:
clients-needs-most-popular = Likely next needs (what clients ask most):
clients-needs-logistic-regression = Likely next needs (logistic regression):
clients-category-role = role
clients-category-grade = grade
clients-category-format = format
clients-category-employment = employment
clients-category-stack = stack
clients-history = History: { $changes }
clients-split = ✂ Split
clients-split-ask = Which key was merged by mistake? It leaves with the posts it was found in and their requests.
clients-split-none = This client has one key only: nothing to split.
clients-split-done = Split off as a client of its own.
clients-back = ◀ Back
clients-key-company = company
clients-key-telegram = Telegram
clients-key-email = e-mail
clients-key-phone = phone
clients-key-author = chat author
crm-error-bad_split = That key is no longer on this client.
clients-also-needed = Clients like this one also needed: { $needs }
clients-segment-all = all segments
clients-segment-pick = Segment: { $segment } ▾
clients-per-month = Requests { $first }–{ $last }: { $bars } { $counts }
clients-asks = Asks for: { $asks }
clients-formats = Formats: { $formats }
clients-rate = Rate offered: { $low }–{ $high } ₽/h, median { $median } ({ $rated } of { $total ->
    [one] { $total } request
   *[other] { $total } requests
  })
clients-rate-one = Rate offered: { $median } ₽/h ({ $rated } of { $total ->
    [one] { $total } request
   *[other] { $total } requests
  })
clients-duration = Typical duration: { $months ->
    [one] { $months } month
   *[other] { $months } months
  }
clients-headcount = headcount: { $people ->
    [one] { $people } person
   *[other] { $people } people
  }
clients-channels = Channels: { $channels }
clients-outcomes = Our work: taken { $taken } → proposed { $proposed } → to interview { $interviews }
clients-results = Won { $won } · lost { $lost }
clients-response = Our first response: median { $delay } ({ $answered ->
    [one] { $answered } request answered
   *[other] { $answered } requests answered
  })
clients-features-title = <b>📊 Requests and our work</b>
clients-outcomes-none = Our work: none of its requests taken yet
clients-delay-minutes = { $minutes } min
clients-delay-hours = { $hours } h{ $minutes ->
    [0] {""}
   *[other] {" "}{ $minutes } min
  }
clients-delay-days = { $days } d{ $hours ->
    [0] {""}
   *[other] {" "}{ $hours } h
  }
clients-month-1 = Jan
clients-month-2 = Feb
clients-month-3 = Mar
clients-month-4 = Apr
clients-month-5 = May
clients-month-6 = Jun
clients-month-7 = Jul
clients-month-8 = Aug
clients-month-9 = Sep
clients-month-10 = Oct
clients-month-11 = Nov
clients-month-12 = Dec
clients-employment-full-time = full-time
clients-employment-part-time = part-time
clients-employment-project = project
clients-employment-internship = internship
