digest-title = Ваша неделя в графиках, { $start }–{ $end }
digest-rising = Быстрее всего растут: { $stacks }
digest-untaken = { $count ->
    [0] Все заявки по вашим поискам взяты в работу.
    [one] { $count } заявку по вашим поискам никто не взял:
    [few] { $count } заявки по вашим поискам никто не взял:
   *[many] { $count } заявок по вашим поискам никто не взял:
}
settings-digest-state = Еженедельный дайджест с графиками: { $state }
settings-digest-on = 📊 Включить недельный дайджест
settings-digest-off = 📊 Выключить недельный дайджест
