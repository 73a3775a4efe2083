command-outreach = Шаблоны первых сообщений: ответы и лучший
outreach-reach-out = ✉️ Написать автору
outreach-preview-title = <b>Цепочка касаний</b>: сообщение от юзербота, затем письмо, затем задача вам.
outreach-to = Кому: { $name } · Telegram: { $telegram } · e-mail: { $email }
outreach-first = Первый шаг: { $channel }, в рабочее время получателя ({ $zone }).
outreach-no-template = Нет действующего шаблона для этого языка — администратор может вернуть его в /outreach.
outreach-kind-telegram = сообщение в Telegram
outreach-kind-email = письмо
outreach-kind-task = задача ответственному
outreach-send = ✅ Запустить
outreach-edit = ✏ Изменить текст
outreach-back = ← К карточке
outreach-ask-text = Пришлите текст первого сообщения целиком.
outreach-preview-gone = Это превью устарело — откройте «Написать автору» ещё раз.
outreach-started = Цепочка запущена. Ответ придёт сюда, а шаги — в историю карточки и клиента.
outreach-stop = ⏹ Остановить цепочку
outreach-stopped = Цепочка остановлена
outreach-mark-reply = 📩 Отметить ответ на письмо
outreach-ask-reply = Вставьте текст ответа клиента на письмо.
outreach-busy = Этому человеку уже пишет другая цепочка — дождитесь её конца.
outreach-opted-out = Этот человек просил ему не писать. Цепочки к нему не запускаются.
outreach-run = Цепочка: { $status } (причина: { $reason })
outreach-status-active = идёт
outreach-status-replied = получен ответ
outreach-status-stopped = остановлена
outreach-status-done = завершена
outreach-open-card = Открыть карточку
outreach-push-reply = 💬 Ответ по «{ $title }» через { $minutes ->
    [one] { $minutes } минуту
    [few] { $minutes } минуты
   *[other] { $minutes } минут
}:
    <blockquote>{ $text }</blockquote>
outreach-push-opt-out = 🚫 Автор «{ $title }» попросил не писать: «{ $text }». Все цепочки к нему остановлены.
outreach-push-task = 📋 Нет ответа по «{ $title }». Напишите сами, например:
    <blockquote>{ $text }</blockquote>
outreach-push-paused = ⚠ Telegram ограничил аккаунт { $account } ({ $reason }): рассылка первых сообщений с него на паузе до { $until } UTC.
outreach-report-title = <b>Шаблоны</b> (отправлено · ответов · доля ответов [95 % интервал] · шанс быть лучшим)
outreach-report-line = { $name } ({ $kind }, { $language }): { $sends } · { $replies } · { $rate } [{ $low }–{ $high }] · { $best }
outreach-report-line-retired = { $name } ({ $kind }, { $language }): { $sends } · { $replies } · { $rate } [{ $low }–{ $high }] · { $best } · снят
outreach-report-empty = Шаблонов пока нет.
outreach-retired = Шаблон больше не отправляется
crm-error-outreach_busy = Этому человеку уже пишет другая цепочка.
crm-error-outreach_opted_out = Этот человек просил ему не писать.
crm-error-outreach_text_length = Текст пустой или длиннее 3000 знаков.
crm-error-outreach_no_run = Такой цепочки нет.
crm-error-outreach_already_replied = Ответ по этой цепочке уже записан.
crm-error-outreach_no_open_request = У клиента нет открытых запросов — писать не о чем.
crm-error-outreach_template_variable = В шаблоне неизвестная переменная.
crm-error-outreach_template_braces = В шаблоне непарная фигурная скобка.
outreach-act-started = { $when } — запущена цепочка касаний
outreach-act-step = { $when } — цепочка: { $kind }, { $status }
outreach-act-step-error = { $when } — цепочка: { $kind }, { $status } ({ $error })
outreach-act-reply = { $when } — ответ на цепочку: { $text }
outreach-act-stopped = { $when } — цепочка остановлена
outreach-act-opt_out = { $when } — просили не писать, цепочки остановлены
outreach-step-done = сделано
outreach-step-unconfirmed = отправлено (без подтверждения)
outreach-step-skipped = пропущено — некому писать
outreach-step-failed = не вышло, дальше следующий шаг
outreach-step-cancelled = отменено
outreach-template-retire = Снять «{ $name }»
outreach-template-edit = ✏ { $name }
outreach-ask-template = Пришлите новый текст шаблона. Переменные: {"{"}name{"}"}, {"{"}title{"}"}, {"{"}stack{"}"}, {"{"}developers{"}"}, {"{"}manager{"}"}, {"{"}company{"}"}.
outreach-template-saved = Шаблон сохранён.
outreach-admins-only = Это могут только администраторы.
