from __future__ import annotations

import pytest

from classifier.taxonomy import Taxonomy


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return Taxonomy.load()


class TestFindStack:
    @pytest.mark.parametrize(("text", "expected"), [
        ("Ищем реакт разработчика", ("React",)),
        ("ReactJS, react.js", ("React",)),
        ("golang и Go-разработчик", ("Go",)),
        ("знание 1С и 1c:Предприятие", ("1C",)),
        ("питон, джава", ("Python", "Java")),
        ("k8s, postgres, постгрес", ("Kubernetes", "PostgreSQL")),
        ("JS/TS, Vue.js", ("JavaScript", "TypeScript", "Vue.js")),
        ("C#, .NET и ASP.NET Core", ("C#", ".NET", "ASP.NET Core")),
        ("C/C++", ("C", "C++")),
        ("Node.js и Adobe Photoshop, Figma, Excel", ("Node.js", "Adobe Photoshop", "Figma",
                                                   "Excel")),
        ("#python #devops", ("Python",)),
    ])
    def test_spellings(self, tax: Taxonomy, text: str, expected: tuple[str, ...]) -> None:
        assert tax.find_stack(text) == expected

    def test_word_boundaries(self, tax: Taxonomy) -> None:
        assert tax.find_stack("JavaScript") == ("JavaScript",)
        assert tax.find_stack("Let us go to the C-level meeting") == ()
        assert tax.find_stack("реактивный двигатель") == ()

    def test_capitalised_words_that_are_not_technologies(self, tax: Taxonomy) -> None:
        # The Russian preposition "С" before a year, "C&B", "Go-to-Market", "Го к нам!".
        assert tax.find_stack("C 2019 года разработали 100+ проектов") == ()
        assert tax.find_stack("Аналитик HR (C&B)") == ()
        assert tax.find_stack("Go-to-Market Program Intern") == ()
        assert tax.find_stack("Го к нам, мы не устанем") == ()
        assert tax.find_stack("Языки: GO, Java") == ("Go", "Java")

    def test_empty_and_huge(self, tax: Taxonomy) -> None:
        assert tax.find_stack("") == ()
        assert tax.find_stack("python " * 20_000) == ("Python",)


class TestCanonicalAndRoles:
    def test_canonical(self, tax: Taxonomy) -> None:
        assert tax.canonical("ReactJS") == "React"
        assert tax.canonical("golang") == "Go"
        assert tax.canonical("Go") == "Go"
        assert tax.canonical("постгрес") == "PostgreSQL"
        assert tax.canonical("nonsense-tech") is None

    def test_role_families(self, tax: Taxonomy) -> None:
        assert tax.role_families_for(["React", "Django"]) == {"frontend", "backend"}
        assert "erp" in tax.role_families_for(["1C"])
        assert tax.role_families_for([]) == set()

    def test_extra_aliases(self) -> None:
        tax = Taxonomy.load(extra_aliases={"вуй": "Vue.js", "зенитка": "Zenith"})
        assert tax.find_stack("пишем на вуй") == ("Vue.js",)
        assert tax.canonical("зенитка") == "Zenith"
