card-sources-more = { $count ->
    [one] …and { $count } more chat
   *[other] …and { $count } more chats
}
amount-to = up to { $amount }
amount-from = from { $amount }
