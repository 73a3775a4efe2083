card-sources-more = { $count ->
    [one] …and { $count } more chat
   *[other] …and { $count } more chats
}
