digest-title = Your week in charts, { $start }–{ $end }
digest-rising = Rising fastest: { $stacks }
digest-untaken = { $count ->
    [0] Every request your searches matched was taken.
    [one] { $count } request your searches matched was never taken:
   *[other] { $count } requests your searches matched were never taken:
}
settings-digest-state = Weekly chart digest: { $state }
settings-digest-on = 📊 Weekly digest: turn on
settings-digest-off = 📊 Weekly digest: turn off
