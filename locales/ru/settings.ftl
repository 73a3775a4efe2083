settings-summary = <b>Настройки</b>
    Язык: { $language }
    Почта: { $email } ({ $email_state })
    Часовой пояс: { $timezone }
settings-on = уведомления включены
settings-off = уведомления выключены
settings-email-none = не указана
settings-email-on = ✉️ Включить письма
settings-email-off = 🔕 Выключить письма
settings-email-set = ✏️ Указать почту
settings-email-ask = Пришлите адрес электронной почты для уведомлений.
settings-email-invalid = Это не похоже на адрес почты. Пришлите ещё раз, например name@example.com.
settings-timezone = 🕒 Часовой пояс
settings-timezone-ask = Выберите часовой пояс:
settings-saved = Сохранено
