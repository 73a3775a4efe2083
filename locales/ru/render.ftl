card-sources-more = { $count ->
    [one] …и ещё { $count } чат
    [few] …и ещё { $count } чата
   *[many] …и ещё { $count } чатов
}
amount-to = до { $amount }
amount-from = от { $amount }
