feed-filters-summary = <b>Фильтры ленты</b>
    Тип: { $kind }
    Направление: { $roles }
    Стек: { $stack }
    Грейд: { $grades }
    Формат: { $formats }
    Ставка: { $rate }
    Период: { $period }
feed-show = 🔎 Показать
feed-reset = ↺ Сбросить
feed-reset-done = Фильтры сброшены
feed-save = 🔔 Сохранить как поиск
feed-filters = ⚙️ Фильтры
feed-more = Ещё ▶
feed-empty = По этим фильтрам пока ничего нет.
feed-end = Больше запросов нет.
feed-page = Показано: { $count }
filter-any = любой
filter-kind = Тип
filter-roles = Направление
filter-stack = Стек
filter-grades = Грейд
filter-formats = Формат
filter-rate = Ставка
filter-period = Период
picker-kind = Выберите тип:
picker-roles = Выберите направления:
picker-stack = Выберите стек (популярное за месяц):
picker-grades = Выберите грейды:
picker-formats = Выберите формат:
picker-rate = Ставка, ₽/час:
picker-period = За какой период:
rate-between = { $low }–{ $high } ₽/ч
rate-from = от { $low } ₽/ч
rate-to = до { $high } ₽/ч
rate-any = любая
