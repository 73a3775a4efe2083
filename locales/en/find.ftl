found-title = Found { $count ->
    [one] { $count } request
   *[other] { $count } requests
}
found-none = Nothing found for “{ $phrase }”. Try other words or /feed.
found-save = 🔔 Save as a search
found-gone = That phrase has expired — type it again.
found-title-many = Many requests match; the best of the freshest
found-any-word = <i>No request has every word; these have some of them.</i>
