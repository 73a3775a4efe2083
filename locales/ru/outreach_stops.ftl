outreach-step-bounced = письмо не дошло, задача ответственному — сразу
outreach-act-stopped-stage = { $when } — цепочка остановлена: запрос перешёл в «{ $stage }»
