card-sources-more = { $count ->
    [one] …и ещё { $count } чат
    [few] …и ещё { $count } чата
   *[many] …и ещё { $count } чатов
}
