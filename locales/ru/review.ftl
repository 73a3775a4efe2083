command-review = Карточки, в которых классификатор не уверен: подтвердить или исправить (админы)
review-title = 🔎 На проверке: { $count ->
    [one] { $count } карточка
    [few] { $count } карточки
   *[many] { $count } карточек
}
review-empty = 🔎 Проверять нечего: метки всех карточек уверенные или уже проверены.
review-confirm = ✅ Метки верны
review-next = ▶ Дальше
review-confirmed = Подтверждено: сохранено для обучения
review-confirmed-field = Подтверждено
