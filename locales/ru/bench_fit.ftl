fit-push-head = 🎯 <b>{ $developer }</b> подходит к новому запросу — { $score }%
fit-push-reasons = { $reasons }
fit-push-common = ✅ общий стек: { $stack }
fit-push-missing = ➖ нет: { $stack }
fit-card-gone = Запрос удалён.
fit-reason-stack = стек { $hit }/{ $total }
fit-reason-stack-none = стек в запросе не указан
fit-reason-grade-exact = грейд подходит
fit-reason-grade-near = грейд близкий
fit-reason-grade-off = грейд не тот
fit-reason-grade-unknown = грейд неизвестен
fit-reason-rate-within = ставка { $rate } ≤ { $high } ₽/ч
fit-reason-rate-from = ставка { $rate } ₽/ч, бюджет от { $low }
fit-reason-rate-below = ставка { $rate } ниже бюджета от { $low } ₽/ч
fit-reason-rate-no-budget = ставка { $rate } ₽/ч, в запросе бюджета нет
fit-reason-rate-dev-unknown = ставка разработчика неизвестна
fit-reason-free-now = свободен сейчас
fit-reason-free-later = { $days ->
    [one] освободится через { $days } день
    [few] освободится через { $days } дня
   *[other] освободится через { $days } дней
}
fit-btn-propose = 🤝 Предложить
fit-btn-reject = 🚫 Не подходит
fit-btn-open = 📄 Открыть запрос
fit-btn-item = { $n }. #{ $id }
fit-btn-all = Все совпадения
fit-btn-prefs = 🎯 Совпадения с бенчем
fit-btn-list = Мои совпадения
fit-btn-pause = ⏸ Приостановить
fit-btn-resume = ▶️ Возобновить
fit-btn-status = 👤 Владелец и статус
fit-btn-owner = 👤 Сменить владельца
fit-btn-busy = ⏳ Занят
fit-btn-free = ✅ Свободен
fit-btn-confirm = ✅ Всё ещё свободен
fit-btn-placed = 🏁 Устроен (убрать с бенча)
fit-btn-edit = ✏️ Изменить
fit-rejected = 🚫 <i>Не подходит — этого разработчика к этому запросу больше не предложим.</i>
fit-rejected-alert = Отмечено: не подходит
fit-digest-head = { $count ->
    [one] 🎯 { $count } новый запрос подходит вашему бенчу
    [few] 🎯 { $count } новых запроса подходят вашему бенчу
   *[other] 🎯 { $count } новых запросов подходят вашему бенчу
}
fit-digest-line = { $n }. #{ $id } { $title } — <b>{ $developer }</b>, { $score }%
fit-digest-more = …и ещё { $count } — в «Все совпадения»
fit-list-head = <b>Совпадения с бенчем</b>: { $count }
fit-list-empty = Совпадений с бенчем пока нет.
fit-prefs = <b>Совпадения с бенчем</b>
    Порог: { $threshold }%
    Тихие часы: { $quiet } ({ $timezone })
    Уведомления: { $state }
    Когда новый запрос подходит свободному разработчику, его владелец получает уведомление. В тихие часы совпадения копятся и приходят одной сводкой.
fit-prefs-quiet-off = нет
fit-prefs-quiet-range = { $start }:00–{ $end }:00
fit-prefs-default = по умолчанию
fit-prefs-active = включены
fit-prefs-paused = приостановлены
fit-dev-status = <b>{ $developer }</b>
    Владелец: { $owner }
    Статус: { $state }
fit-dev-no-owner = не назначен
fit-dev-free = свободен
fit-dev-busy = занят (не предлагается в совпадениях)
fit-dev-placed = устроен, не на бенче
fit-owner-pick = Кто продаёт { $developer }?
fit-stale-date = ⏰ <b>{ $developer }</b>: дата выхода { $date } прошла { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
} назад. Разработчик всё ещё свободен?
fit-stale-updated = ⏰ <b>{ $developer }</b>: анкету не обновляли { $days ->
    [one] { $days } день
    [few] { $days } дня
   *[other] { $days } дней
}. Подтвердите или обновите её.
crm-error-bad_threshold = Порог должен быть от 30 до 100%.
crm-error-bad_quiet_hours = Тихие часы: два часа от 0 до 23 или ни одного.
crm-error-bad_owner = Этот человек не может быть владельцем: он не в команде разработчика.
command-fits = Совпадения с бенчем
fit-prefs-threshold-btn = 🎯 { $value }%
fit-prefs-quiet-off-btn = 🌙 без тихих часов
fit-prefs-quiet-btn = 🌙 { $start }–{ $end }
