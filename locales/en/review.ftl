command-review = Cards the classifier was unsure of: confirm or correct (admins)
review-title = 🔎 To review: { $count ->
    [one] { $count } card
   *[other] { $count } cards
}
review-empty = 🔎 Nothing to review: every card's labels were sure enough or checked.
review-confirm = ✅ Labels are right
review-next = ▶ Next
review-confirmed = Confirmed: kept as training data
review-confirmed-field = Confirmed
