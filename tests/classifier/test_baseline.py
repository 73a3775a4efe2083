from __future__ import annotations

from pathlib import Path

import pytest

from classifier.api import Labels
from classifier.baseline import BaselineClassifier
from classifier.dataset import Example, read_examples, train_dev_split
from classifier.metrics import evaluate


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> BaselineClassifier:
    from tests.classifier.conftest import _ex

    texts = [
        ("Ищем Python разработчика Middle, удаленно, ЗП от 200 000 ₽", "request", ("backend",)),
        ("Senior Java developer, офис Москва, вилка 300-400к", "request", ("backend",)),
        ("Нужен React frontend разработчик Junior, 80 000 руб", "request", ("frontend",)),
        ("Курс по Python со скидкой 50%! Записывайтесь", "other", ()),
        ("Новости рынка IT за неделю", "other", ()),
        ("#резюме Ищу работу Python backend разработчик", "offer", ("backend",)),
    ]
    examples = [_ex(f"{i}:{j}", f"{t} {j}", kind=k, roles=r)
                for j in range(3) for i, (t, k, r) in enumerate(texts)]
    return BaselineClassifier().fit(examples)


class TestBaseline:
    async def test_classify_protocol(self, tiny_model: BaselineClassifier) -> None:
        preds = await tiny_model.classify(["Ищем Go разработчика Senior, от 300 000 ₽, удаленно"])
        assert len(preds) == 1
        p = preds[0]
        assert p.model_version == tiny_model.version
        assert p.labels.stack == ("Go",)
        assert set(p.confidences) == set(Labels.__dataclass_fields__)

    @pytest.mark.parametrize("text", [
        "", "🔥🔥🔥", "<b></b>", "x" * 100_000, "Ищем dev'а 🚀 на project, зп $1k–2k 日本語",
        "\u200b\u200b", "#️⃣" * 500,
    ])
    async def test_bad_input_never_crashes(self, tiny_model: BaselineClassifier,
                                           text: str) -> None:
        [pred] = await tiny_model.classify([text])
        assert pred.unreadable or pred.labels.kind in ("request", "offer", "digest", "other")
        if pred.unreadable:
            assert pred.labels.kind == "other"

    def test_kind_rules(self, tiny_model: BaselineClassifier) -> None:
        [pred] = tiny_model.predict(["Курс по Python со скидкой 50%! Записывайтесь 7"])
        if pred.labels.kind == "other":
            assert pred.labels.roles == () and pred.labels.rate is None

    def test_save_load_round_trip(self, tiny_model: BaselineClassifier, tmp_path: Path) -> None:
        tiny_model.save(tmp_path)
        loaded = BaselineClassifier.load(tmp_path)
        text = ["Ищем Python разработчика Middle 9"]
        assert loaded.predict(text)[0].labels == tiny_model.predict(text)[0].labels


def test_train_and_eval_on_a_slice(annotations: Path) -> None:
    train, dev = train_dev_split(read_examples(annotations))
    model = BaselineClassifier().fit(train[:200])
    sample: list[Example] = dev[:60]
    preds = model.predict([e.text for e in sample])
    report = evaluate([e.labels for e in sample], [p.labels for p in preds])
    assert report.kind.accuracy >= 0.8
    assert report.exact["rate"] >= 0.85
    assert report.lists["stack"].micro.f1 >= 0.8


def test_digest_items_are_labelled_one_by_one(tiny_model: BaselineClassifier) -> None:
    digest = ("Вакансии недели\n1. Python разработчик в Альфа, удаленно, от 200к\n"
              "2. QA инженер в Бета, Москва, офис\n3. Дизайнер Figma в Гамма, гибрид")
    [pred] = tiny_model.predict([digest])
    split = tiny_model._with_items(pred, digest)
    assert len(split.items) == len(split.item_texts) == 3
    assert all(item.labels.kind != "digest" for item in split.items)
    assert split.items[0].labels.stack == ("Python",)
