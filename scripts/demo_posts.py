"""The demo's posts, written for this project: every company, handle and rate is made up.

Requests are built from a few dozen written pieces (role, stack, client, terms) so the feed
shows the spread a sales team sees in a week; benches, digests and chatter are written whole.
"""

from __future__ import annotations

# (grade, role words ru, role words en, stack, hourly rate in ₽)
ROLES: tuple[tuple[str, str, str, str, int], ...] = (
    ("Middle+", "React-разработчика", "React developer", "React, TypeScript, Redux Toolkit", 2500),
    ("Senior", "Java-разработчика", "Java engineer", "Java 17, Spring Boot, Kafka, PostgreSQL",
     3200),
    ("Middle", "Go-разработчика", "Go developer", "Go, gRPC, PostgreSQL, Redis", 2700),
    ("Senior", "Python-разработчика", "Python engineer", "Python, Django, Celery, PostgreSQL",
     3000),
    ("Middle", "QA Automation", "QA automation engineer", "Python, pytest, Playwright", 2000),
    ("Senior", "DevOps-инженера", "DevOps engineer", "Kubernetes, Terraform, GitLab CI, AWS",
     3300),
    ("Middle", "системного аналитика", "systems analyst", "BPMN, UML, SQL, REST", 2200),
    ("Lead", "Android-разработчика", "Android lead", "Kotlin, Jetpack Compose, Coroutines",
     3500),
    ("Middle+", "iOS-разработчика", "iOS developer", "Swift, SwiftUI, Combine", 2900),
    ("Senior", "Data Engineer", "data engineer", "Airflow, Spark, Greenplum, ClickHouse", 3100),
    ("Middle", "1С-программиста", "1C developer", "1С:ERP, УТ 11, обмены", 2000),
    ("Senior", ".NET-разработчика", ".NET engineer", "C#, ASP.NET Core, MS SQL", 3000),
    ("Middle", "PHP-разработчика", "PHP developer", "PHP 8, Symfony, MySQL", 1900),
    ("Senior", "Node.js-разработчика", "Node.js engineer", "Node.js, NestJS, MongoDB", 2800),
    ("Middle+", "Vue-разработчика", "Vue developer", "Vue 3, Nuxt, Pinia", 2400),
    ("Senior", "ML-инженера", "ML engineer", "Python, PyTorch, MLflow", 3600),
    ("Middle", "UI/UX-дизайнера", "product designer", "Figma, дизайн-системы", 1800),
    ("Senior", "бизнес-аналитика", "business analyst", "ERP, BPMN, требования", 2600),
)

CLIENTS_RU = (
    "финтех-стартап «Демо-Пэй»", "банк «Учебный»", "маркетплейс «ДемоМаркет»",
    "логистическую компанию «Пример-Логистик»", "ритейлер «Сеть-Демо»",
    "страховую компанию «Вымысел»", "телеком-оператор «Тест-Связь»", "госпроект (демо)",
)
CLIENTS_EN = (
    "a US health-tech startup (demo)", "a Berlin fintech (demo)", "a UK e-commerce brand (demo)",
    "a Dubai proptech (demo)", "an Amsterdam logistics scale-up (demo)",
)
TERMS_RU = (
    ("6 мес", "удалённо", "ИП/ООО, старт ASAP"),
    ("3 месяца", "гибрид, Москва", "оформление через вендора"),
    ("12 мес", "удалённо, РФ", "фултайм, 40 ч/нед"),
    ("4 месяца", "удалённо", "part-time 20 ч/нед"),
    ("9 мес", "офис, Санкт-Петербург", "старт с 1 числа"),
)
TERMS_EN = (
    ("6 months", "remote", "full-time, B2B contract"),
    ("3 months", "remote (CET ±2)", "part-time, 20 h/week"),
    ("12 months", "hybrid, Amsterdam", "start next Monday"),
)
OPENERS_RU = ("Ищем", "Нужен", "Срочно ищем", "В команду нужен", "Требуется")
CONTACTS = ("@demo_anna_hr", "@demo_vendor_mgr", "@demo_recruit", "jobs@example.com",
            "@demo_it_sales")

BENCHES: tuple[str, ...] = (
    "Бенч: свободны с 1 декабря 2 Senior Java (Spring, микросервисы) и 1 Middle React "
    "(TypeScript, Next.js). Ставки от 2600 ₽/ч. Резюме — @demo_vendor_mgr",
    "Коллеги, у нас на бенче освободились: Senior DevOps (AWS, k8s, Terraform), Middle+ Go "
    "(gRPC, Kafka) и Lead QA (Java, Selenide). Доступны с понедельника, фултайм.",
    "Наш бенч на неделю:\n• Senior Python (FastAPI, Celery) — 2900 ₽/ч\n• Middle 1С (ЗУП, "
    "УТ) — 2000 ₽/ч\n• Middle+ Android (Kotlin) — 2600 ₽/ч\n• Junior+ QA manual — 1200 ₽/ч\n"
    "Пишите @demo_bench_sales",
    "Available: Middle+ Data Analyst (SQL, Python, Power BI) and Senior Data Engineer "
    "(Spark, Airflow), from December 1st, rates from $35/h. DM @demo_vendor_mgr",
    "Our bench this week: 2 Senior Python, 1 Lead Android, 1 Middle+ iOS (SwiftUI). All "
    "remote, overlap with CET. CVs on request: bench@example.com",
    "#бенч Свободны с 15.12: 3 QA (manual + auto), 2 системных аналитика, 1 Senior Go. "
    "Каталог с резюме по запросу, @demo_bench_sales",
    "На бенче освободился Senior .NET (C#, ASP.NET Core, Azure), 7 лет в ритейле. Свободен с "
    "10 числа, 3100 ₽/ч. И ещё Middle Vue (Nuxt) — 2300 ₽/ч.",
    "Бенч — декабрь: Lead Java (Spring Cloud), Senior React (Next.js, GraphQL), Middle PHP "
    "(Laravel). Все с опытом финтеха, ставки обсуждаем. @demo_vendor_mgr",
    "Bench: Senior Node.js (NestJS), Middle+ React Native, Senior ML engineer (PyTorch, CV). "
    "Available from next week, $30–45/h. Contact @demo_it_sales",
    "У нас на бенче свободны два Middle+ Python (Django, DRF) с 1 числа, готовы к "
    "собеседованию завтра. Ставка 2500 ₽/ч. Пишите @demo_bench_sales",
)

DIGEST_HEADS: tuple[str, ...] = (
    "🔥 Запросы прошедшей недели", "Дайджест запросов за день", "Подборка запросов на утро",
    "Digest of the week: outstaff requests", "Дайджест вечера: запросы от постоянных заказчиков",
    "Weekly roundup of remote contracts",
)
DIGEST_TAGS = "#дайджест #запросы #аутстафф"


def digest(n: int) -> str:
    """A list of seven requests under a heading, as digest channels post them."""
    english = DIGEST_HEADS[n].isascii()
    lines = [DIGEST_HEADS[n], ""]
    for k in range(7):
        grade, role_ru, role_en, stack, rate = ROLES[(n * 5 + k * 3) % len(ROLES)]
        if english:
            lines.append(f"{k + 1}. {grade} {role_en} ({stack.split(',')[0]}) at "
                         f"{CLIENTS_EN[(n + k) % len(CLIENTS_EN)]}. Remote. Up to ${rate // 90}/h")
        else:
            lines.append(f"{k + 1}. {grade} {role_ru} ({stack.split(',')[0]}) в "
                         f"{CLIENTS_RU[(n + k) % len(CLIENTS_RU)]}. Можно удалённо. "
                         f"До {rate} ₽/ч")
    lines += ["", "Больше запросов в канале", DIGEST_TAGS]
    return "\n".join(lines)


DIGESTS: tuple[str, ...] = tuple(digest(n) for n in range(len(DIGEST_HEADS)))

CHATTER: tuple[str, ...] = (
    "🔥 Вебинар «Как продавать аутстафф в 2026» — в четверг в 19:00, регистрация по ссылке "
    "в профиле канала.",
    "Поздравляем всех с пятницей! Спасибо, что читаете канал 🎉",
    "Напоминаю правила чата: запросы — с рейтом и сроком, без рейта удаляем.",
    "Кто-нибудь работал с «ДемоМаркет»? Платят вовремя?",
    "👍",
    "Курсы английского для IT со скидкой 30% только до пятницы 👉 example.com/english",
    "Опрос: какой формат запросов вам удобнее — карточки или длинные посты?",
    "Вакансия в штат (не аутстафф): Head of Sales в IT-интегратор, Москва, офис.",
    "Коллеги, подскажите нормальный шаблон договора с ИП-исполнителем?",
    "Reminder: no recruiter spam here, requests only with a rate and a duration.",
    "Thanks everyone for the great meetup yesterday! Slides are pinned.",
    "Чат переезжает в новый формат по вторникам: обсуждения запросов в комментариях.",
    "Кто на конференцию в Казань на следующей неделе? Можно пересечься.",
    "Merry demo-mas! 🎄 The channel takes a break on the 31st.",
    "Спасибо за рекомендацию разработчика, клиент доволен 🙏",
    "Тестовое сообщение, не обращайте внимания.",
    "Do you guys invoice in EUR or USD for EU clients? Asking for a friend.",
    "Обновили закреп: список проверенных заказчиков и вендоров.",
)
