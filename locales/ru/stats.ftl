# Графики (analytics) и /stats
chart-no-data = Нет данных за этот период
chart-no-data-hint = Возьмите период длиннее или уберите часть фильтров.
chart-new = новое
chart-days = { $n } дн.
chart-hours = { $n } ч
chart-period = { $days ->
    [one] последний { $days } день
    [few] последние { $days } дня
   *[many] последние { $days } дней
}
chart-granularity-day = по дням
chart-granularity-week = по неделям
chart-granularity-month = по месяцам
chart-sources-filter = { $count ->
    [one] { $count } источник
    [few] { $count } источника
   *[many] { $count } источников
}
chart-axis-requests = Заявки
chart-axis-rub-hour = ₽ в час
chart-legend-change = За период (к прошлому)
chart-panel-roles = По направлениям
chart-panel-grades = По грейдам
chart-panel-stacks = По технологиям
chart-demand-stack-title = Спрос по технологиям
chart-demand-stack-caption = Растут: { $rising }. Падают: { $falling }.
chart-demand-roles-title = Спрос по направлениям и грейдам
chart-supply-title = Предложение и спрос
chart-supply-requests = Заявки
chart-supply-available = Наш бенч + предложения
chart-supply-index-note = Жирная цифра: заявок на одного доступного разработчика (больше 1 — спрос, который мы не закрываем).
chart-rates-title = Ставки, ₽ в час: медиана и межквартильный размах
chart-rates-stated = ставку указывают { $share } заявок
chart-rates-iqr = средняя половина (25–75 %)
chart-rates-median = медиана
chart-rates-over-time = Медиана во времени
chart-channels-title = Каналы
chart-channels-requests = заявки
chart-channels-cross = кросспосты
chart-channels-first = первым
chart-channels-age = молчит
chart-channels-axis = Постов за период
chart-channels-note = Красным: нет постов { $days } дня и дольше (молчащий источник может быть сломан).
chart-response-title = Скорость нашей реакции
chart-response-within-hour = ответили за час: { $share }
chart-response-all = Все
chart-response-lt15m = < 15 мин
chart-response-lt1h = 15–60 мин
chart-response-lt4h = 1–4 ч
chart-response-lt24h = 4–24 ч
chart-response-gt24h = > 24 ч
chart-response-never = без ответа
chart-pipeline-title = Воронка
chart-pipeline-win-rate = доля побед { $share } (выиграно { $won }, проиграно { $lost })
chart-pipeline-reached = Дошли до этапа
chart-pipeline-note = У этапа: сколько дошли · доля от всех · медиана времени на этапе
chart-pipeline-lost-reasons = Причины проигрыша
chart-pipeline-no-reason = без причины
chart-pipeline-none-lost = За период ничего не проиграно
csv-bucket = начало периода
csv-stack = технология
csv-requests = заявки
csv-period-total = заявок за период
csv-previous-total = заявок за прошлый период
csv-dimension = разрез
csv-value = значение
csv-offers = предложения
csv-bench = разработчики на бенче
csv-index = заявок на разработчика
csv-stack-grade = технология · грейд
csv-q1 = 25-й перцентиль
csv-median = медиана
csv-q3 = 75-й перцентиль
csv-source = источник
csv-posts = посты
csv-request-share = доля заявок
csv-cross-posts = кросспосты
csv-cross-share = доля кросспостов
csv-first-posts = первым
csv-last-post = последний пост
csv-level = уровень
csv-name = имя
csv-within-hour = доля за час
csv-now = сейчас
csv-reached = дошли
csv-median-hours = медиана часов на этапе
stats-summary-requests = Заявок: { $count } ({ $change })
stats-summary-top = Топ: { $stacks }
stats-summary-within-hour = Ответили за час: { $share }
stats-summary-win-rate = Доля побед: { $share }
menu-stats = 📊 Аналитика
command-stats = Аналитика: графики и CSV
stats-title = <b>Аналитика</b>
    Выберите отчёт, период, шаг и при желании фильтры, затем нажмите «Показать».
stats-report-overview = Всё
stats-report-market = Рынок
stats-report-team = Наша команда
stats-report-channels = Каналы
stats-period = { $days } дн.
stats-filter-roles = Направления
stats-filter-stack = Стек
stats-filter-grades = Грейды
stats-filter-formats = Формат
stats-filter-sources = Источники
stats-picker-roles = Какие направления считать:
stats-picker-stack = Какие технологии считать:
stats-picker-grades = Какие грейды считать:
stats-picker-formats = Какие форматы считать:
stats-picker-sources = Какие источники считать:
stats-reset = ♻️ Сбросить фильтры
stats-show = 📊 Показать
stats-drawing = Рисую графики…
stats-after = Таблицы за этими графиками — по кнопке.
stats-csv = 📄 CSV
stats-change = ⚙️ Изменить
stats-failed = { $count ->
    [one] Один график не удалось нарисовать; остальные здесь.
    [few] { $count } графика не удалось нарисовать; остальные здесь.
   *[many] { $count } графиков не удалось нарисовать; остальные здесь.
}
