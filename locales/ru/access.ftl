access-refused = Извините, у вас нет доступа к этому боту или к этому объекту. Попросите администратора прислать приглашение.
start-welcome = Здравствуйте, { $name }! Ваша роль: { $role }. Выберите раздел:
invite-choose-role = Для какой роли создать приглашение?
invite-created = Одноразовая ссылка для роли «{ $role }» (действует { $hours } ч):
    { $link }
users-title = Пользователи — выберите, чтобы изменить видимость:
scope-summary = <b>{ $name }</b> ({ $role })
    Направления: { $roles }
    Источники: { $sources }
scope-reset = ↺ Видит всё
user-role-admin = администратор
user-role-lead = руководитель
user-role-manager = менеджер
