undo-button = ↩️ Вернуть ({ $seconds } с)
undo-too-late = Вернуть уже нельзя: прошло больше 30 секунд.
card-unhidden = Запрос снова в ленте
search-delete-named = 🗑 Удалить
search-delete-ask = Удалить поиск «{ $name }»? Уведомления по нему прекратятся.
search-delete-yes = 🗑 Да, удалить
search-delete-no = ✖️ Нет, оставить
