prompt-cancel = ✖️ Отмена
prompt-how-to-cancel = <i>Отмена — кнопкой, /cancel или любой другой командой: ничего не сохранится.</i>
prompt-cancelled = Отменено, ничего не сохранено.
prompt-idle = Отменять нечего.
