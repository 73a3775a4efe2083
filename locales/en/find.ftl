found-title = Found { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
found-none = Nothing found for “{ $phrase }”. Try other words or /feed.
found-save = 🔔 Save as a search
found-gone = That phrase has expired — type it again.
