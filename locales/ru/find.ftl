found-title = Нашлось { $count ->
    [one] { $count } запрос
    [few] { $count } запроса
   *[many] { $count } запросов
}
found-none = По «{ $phrase }» ничего не нашлось. Попробуйте другие слова или /feed.
found-save = 🔔 Сохранить как поиск
found-gone = Фраза уже устарела — напишите её ещё раз.
