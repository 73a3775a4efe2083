card-corrected-by = ✏️ Исправлено вручную (правка поста их не меняет):
card-corrected-field = { $field }: { $who }, { $when }
card-corrected-someone = бывший пользователь
