"""Words that name a role family ("тестировщик", "Data Engineer", "1С", "копирайтер").

The roles model reads them as two groups of 0/1 features: words of the title (the opening
lines, where a post names whom it seeks) and words anywhere in the head of the post. On its
own a word is a weak vote (a game studio's QA engineer is `qa`, not `gamedev`); the model
learns per family how far to trust each group. In 5-fold cross-validation on the train split
they raise the roles micro-F1 of the linear head from 0.825 to 0.852
(`python -m bench.roles_cv`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_W = r"(?<![0-9A-Za-zА-Яа-яЁё_])"
TITLE_LINES = 2
TITLE_CHARS = 160
BODY_CHARS = 1500

# Family → alternatives (lowercase, matched on lowercased text; each must start a word).
# Spellings as posts write them, Russian and English; ANNOTATION.md ruling 2 decides where a
# job goes.
ROLE_WORDS: dict[str, str] = {
    "backend": (
        r"back[- ]?end|б[эе]к[- ]?[эе]нд\w*|server[- ]side|"
        r"(?:python|java|golang|go|php|ruby|scala|node\.?js|c\+\+|c#|\.net)[- ]?"
        r"(?:developer|engineer|разработчик\w*|программист\w*)|"
        r"c\+\+|c#|\.net|node\.?js|ruby|rust|django|laravel|spring|программист\w*"),
    "frontend": (
        r"front[- ]?end|фронт[- ]?[эе]нд\w*|верстальщик\w*|в[её]рстк\w*|react|vue|angular|"
        r"javascript|typescript|web[- ]?разработчик\w*|веб[- ]?разработчик\w*"),
    "fullstack": r"full[- ]?stack|ful?l[- ]?ст[эе]к\w*",
    "mobile": r"ios|android|flutter|mobile|мобильн\w*|swift|kotlin|react native",
    "qa": (
        r"qa\b|aqa\b|тестировщик\w*|тестировани\w*|tester|sdet|автотест\w*|"
        r"quality assurance"),
    "devops": (
        r"devops|девопс\w*|sre\b|site reliability|kubernetes|инфраструктур\w*|"
        r"platform engineer"),
    "data": (
        r"data (?:engineer|scientist|science)|ml\b|machine learning|машинн\w* обучени\w*|"
        r"dwh|bi[- ]?(?:developer|разработчик\w*)|etl|nlp|computer vision|"
        r"data[- ]?инженер\w*|дата[- ]?(?:инженер|сайентист)\w*|llm|нейросет\w*|"
        r"ai engineer|mlops"),
    "analyst": r"аналитик\w*|analyst|аналитическ\w*",
    "pm": (
        r"project manager|product manager|продакт\w*|проджект\w*|product owner|scrum master|"
        r"delivery manager|руководител\w* проект\w*|менеджер\w* проект\w*|pm\b|"
        r"менеджер\w* продукта"),
    "design": (
        r"дизайнер\w*|designer|ui/ux|ux/ui|ux\b|ui\b|иллюстратор\w*|моушн\w*|motion|"
        r"графическ\w*|figma"),
    "gamedev": r"game|игров\w*|геймдев\w*|gamedev|unity|unreal|гейм\w*|level design\w*",
    "security": (
        r"security|безопасност\w*|пентест\w*|pentest|infosec|soc\b|appsec|devsecops|иб\b"),
    "erp": r"1с|1c|sap\b|bitrix|битрикс\w*|odoo|creatio|erp\b|axapta|dynamics",
    "support": (
        r"системн\w* администратор\w*|сисадмин\w*|system administrator|sysadmin|helpdesk|"
        r"help desk|техподдержк\w*|технической поддержк\w*|support|dba\b|администратор\w* баз"),
    "other_it": (
        r"embedded|встраива\w*|hardware|электроник\w*|fpga|технический писатель|"
        r"tech(?:nical)? writer|cto\b|преподавател\w*|ментор\w*|it[- ]?recruiter|"
        r"it[- ]?рекрутер\w*|схемотехник\w*|микроконтроллер\w*"),
    "non_it": (
        r"маркетолог\w*|marketing|маркетинг\w*|smm|копирайтер\w*|copywriter|продаж\w*|sales|"
        r"менеджер по\w*|бухгалтер\w*|юрист\w*|hr\b|рекрутер\w*|recruiter|оператор\w*|"
        r"ассистент\w*|assistant|редактор\w*|editor|таргетолог\w*|seo|контент\w*|content|"
        r"event|курьер\w*|водител\w*|продав[её]ц\w*|account manager|pr\b|финанс\w*|"
        r"логист\w*"),
}
_LETTER = re.compile(r"[A-Za-zА-Яа-яЁё]")


# Matched against lowercased text: case-insensitive matching of these alternations costs ~5×.
@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((family, re.compile(_W + "(?:" + words + ")"))
                 for family, words in ROLE_WORDS.items())


@lru_cache(maxsize=1)
def _any_word() -> re.Pattern[str]:
    """Zero-width: every position where some family's word starts (one scan, not 16)."""
    return re.compile(_W + "(?=" + "|".join(f"(?:{w})" for w in ROLE_WORDS.values()) + ")")


def title_of(text: str) -> str:
    """The opening lines that carry words: the post's title (hashtag lines skipped)."""
    lines = [line for line in text[:BODY_CHARS].split("\n")
             if _LETTER.search(line) and not line.lstrip().startswith("#")]
    return " ".join(lines[:TITLE_LINES])[:TITLE_CHARS]


def families_named(text: str) -> tuple[str, ...]:
    """Role families whose words occur in `text`, in ROLE_WORDS order."""
    text = text.lower()
    starts = [m.start() for m in _any_word().finditer(text)]
    if not starts:
        return ()
    return tuple(family for family, pattern in _patterns()
                 if any(pattern.match(text, start) for start in starts))


def title_families(text: str) -> tuple[str, ...]:
    return families_named(title_of(text))


def body_families(text: str) -> tuple[str, ...]:
    return families_named(text[:BODY_CHARS])
