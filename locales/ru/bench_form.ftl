bench-form-title = <b>Новый разработчик</b>
bench-form-hint = Нажмите поле, чтобы заполнить; обязательно только имя. Затем сохраните.
bench-form-save = 💾 Сохранить
bench-form-cancel = ✖ Отмена
bench-form-cancelled = Форма закрыта, ничего не сохранено.
bench-form-need-name = Сначала заполните имя.
bench-form-saved = Сохранено на бенч.
