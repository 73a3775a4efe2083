access-refused-other_team = Этот запрос принадлежит команде «{ $team }»: менять его могут только её участники.
access-refused-owned = Этот запрос ведёт { $owner }: менять его может только он(а) или лид команды.
access-refused-take_first = Сначала возьмите запрос в работу.
access-refused-leads_only = Это могут только лиды команд.
access-refused-admins_only = Это могут только администраторы.
access-refused-inactive = Ваша учётная запись отключена. Обратитесь к администратору.
