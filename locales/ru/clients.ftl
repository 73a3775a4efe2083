menu-clients = 🏢 Клиенты
command-clients = Клиенты
clients-empty = Клиентов пока нет. Они появляются с запросами (или запустите `radar clients backfill`).
clients-title = Клиенты: { $total } (страница { $page } из { $pages })
clients-lifecycle-new = новый
clients-lifecycle-active = активный
clients-lifecycle-returning = вернувшийся
clients-lifecycle-dormant = затих
clients-lifecycle-lost = потерян
clients-segment-champion = чемпион
clients-segment-loyal = постоянный
clients-segment-big_spender = крупный
clients-segment-promising = перспективный
clients-segment-need_attention = требует внимания
clients-segment-hibernating = спящий
clients-segment-lost = потерян
clients-not-computed = ещё не посчитан
clients-owner = Ответственный: { $owner }
clients-no-owner = никто
clients-state = Жизненный цикл: { $lifecycle } · сегмент: { $segment }
clients-churn-none = Риск ухода: не оценён (один запрос — слишком мало истории)
clients-churn = Риск ухода: { $percent }%
clients-churn-at-risk = ⚠ Риск ухода: { $percent }% — под угрозой
clients-rfm = Последний запрос { $recency ->
    [one] { $recency } день назад
    [few] { $recency } дня назад
   *[other] { $recency } дней назад
  } · { $recent } за 90 дней · оценка { $value } ₽
clients-requests = Запросов: { $total }, открытых: { $open }
clients-take = 🙋 Взять клиента
clients-taken = Клиент ваш: сигналы об уходе будут приходить вам.
clients-rename = ✏ Переименовать
clients-merge = 🔗 Объединить
clients-contact = ➕ Контакт
clients-same-segment = Клиенты этого сегмента
clients-ask-name = Напишите новое имя клиента (/cancel — отмена).
clients-ask-merge = Напишите номер (#…) клиента, которого присоединить к этому (/cancel — отмена).
clients-ask-contact = Напишите @username, e-mail или телефон (/cancel — отмена).
clients-contact-taken = Этот контакт уже есть у другого клиента.
clients-task-at-risk = { $client }: { $count ->
    [one] { $count } запрос { $role }
    [few] { $count } запроса { $role }
   *[other] { $count } запросов { $role }
  } за 3 месяца, нет уже { $weeks ->
    [one] { $weeks } неделю
    [few] { $weeks } недели
   *[other] { $weeks } недель
  } — под угрозой
clients-task-dormant = { $client } затих: было { $count ->
    [one] { $count } запрос { $role }
    [few] { $count } запроса { $role }
   *[other] { $count } запросов { $role }
  }, нет уже { $weeks ->
    [one] { $weeks } неделю
    [few] { $weeks } недели
   *[other] { $weeks } недель
  }
crm-error-empty_name = Имя пустое.
crm-error-merge_self = Клиента нельзя объединить с самим собой.
crm-error-bad_client_number = Напишите номер клиента, например #12.
crm-error-bad_filter = Неизвестный фильтр.
clients-next-needs-none = Вероятные следующие потребности: пока нечего показать.
clients-needs-own-history = Вероятные следующие потребности по собственной истории клиента (доля его недавних запросов; нейросеть это не обошла на временном срезе):
clients-needs-network = Вероятные следующие потребности (нейросеть):
clients-needs-popular = Вероятные следующие потребности: один запрос — мало истории, поэтому самое частое у всех клиентов:
clients-needs-most-popular = Вероятные следующие потребности (самое частое у всех клиентов):
clients-needs-logistic-regression = Вероятные следующие потребности (логистическая регрессия):
clients-category-role = роль
clients-category-grade = грейд
clients-category-format = формат
clients-category-employment = занятость
clients-category-stack = стек
clients-history = История: { $changes }
clients-split = ✂ Разделить
clients-split-ask = Какой ключ склеен по ошибке? Он уйдёт вместе с постами, где найден, и их запросами.
clients-split-none = У клиента один ключ: делить нечего.
clients-split-done = Выделен в отдельного клиента.
clients-back = ◀ Назад
clients-key-company = компания
clients-key-telegram = Telegram
clients-key-email = e-mail
clients-key-phone = телефон
clients-key-author = автор в чате
crm-error-bad_split = Этого ключа у клиента уже нет.
clients-also-needed = Похожие клиенты также просили: { $needs }
clients-segment-all = все сегменты
clients-segment-pick = Сегмент: { $segment } ▾
clients-per-month = Запросы { $first }–{ $last }: { $bars } { $counts }
clients-asks = Ищет: { $asks }
clients-formats = Форматы: { $formats }
clients-rate = Ставка: { $low }–{ $high } ₽/ч, медиана { $median } (в { $rated } из { $total ->
    [one] { $total } запроса
   *[other] { $total } запросов
  })
clients-rate-one = Ставка: { $median } ₽/ч (в { $rated } из { $total ->
    [one] { $total } запроса
   *[other] { $total } запросов
  })
clients-duration = Обычный срок: { $months ->
    [one] { $months } месяц
    [few] { $months } месяца
    [many] { $months } месяцев
   *[other] { $months } месяца
  }
clients-headcount = людей: { $people }
clients-channels = Каналы: { $channels }
clients-outcomes = Наша работа: взяли { $taken } → предложили { $proposed } → до собеседования { $interviews }
clients-results = Выиграли { $won } · проиграли { $lost }
clients-response = Наш первый отклик: медиана { $delay } ({ $answered ->
    [one] ответили на { $answered } запрос
    [few] ответили на { $answered } запроса
   *[many] ответили на { $answered } запросов
  })
clients-features-title = <b>📊 Запросы и наша работа</b>
clients-outcomes-none = Наша работа: ни одного запроса пока не взяли
clients-delay-minutes = { $minutes } мин
clients-delay-hours = { $hours } ч{ $minutes ->
    [0] {""}
   *[other] {" "}{ $minutes } мин
  }
clients-delay-days = { $days } д{ $hours ->
    [0] {""}
   *[other] {" "}{ $hours } ч
  }
clients-month-1 = янв
clients-month-2 = фев
clients-month-3 = мар
clients-month-4 = апр
clients-month-5 = май
clients-month-6 = июн
clients-month-7 = июл
clients-month-8 = авг
clients-month-9 = сен
clients-month-10 = окт
clients-month-11 = ноя
clients-month-12 = дек
clients-employment-full-time = полная занятость
clients-employment-part-time = частичная
clients-employment-project = проект
clients-employment-internship = стажировка
