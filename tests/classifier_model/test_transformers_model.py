"""The real loader on a micro model trained here in seconds, and the shipped artifact."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import torch

from classifier.api import EMPLOYMENTS, FORMATS, GRADES, KINDS, ROLE_FAMILIES, Prediction
from classifier.encoder.runtime import resolve_device
from classifier.settings import DEFAULT_MODEL_DIR, ClassifierSettings
from classifier.train import train
from classifier.transformers_model import ModelDirError, TransformersClassifier
from tests.classifier_model.posts import write_annotations

SHIPPED_LIMIT_BYTES = 25 * 1024 * 1024
POSTS = [
    "#вакансия Senior Python разработчик, удаленка, ЗП 300 000 руб. Django, PostgreSQL.",
    "#резюме Middle дизайнер, Figma, ищу проект",
    "Вебинар: как пройти собеседование",
]
BAD_INPUTS = ["", "   \n\t", "😀🔥👍", "<b></b> <i> </i>", "https://t.me/x", "x" * 100_000,
              "Ищем Python разработчика " * 5_000, "\x00\x01\ufeff", "1234567890"]


@pytest.fixture(scope="module")
def micro_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("micro")
    data = write_annotations(root / "train.jsonl")
    train(root / "model", data=data, weak=(), corpus_dir=None, quick=True, device="cpu")
    return root / "model"


@pytest.fixture(scope="module")
def micro(micro_dir: Path) -> TransformersClassifier:
    clf = TransformersClassifier.load(micro_dir, device="auto", batch_size=8, max_length=64)
    yield clf  # type: ignore[misc]
    clf.close()


def _valid(p: Prediction) -> None:
    lab = p.labels
    assert lab.kind in KINDS
    assert set(lab.roles) <= set(ROLE_FAMILIES)
    assert set(lab.grades) <= set(GRADES)
    assert set(lab.format) <= set(FORMATS)
    assert set(lab.employment) <= set(EMPLOYMENTS)
    assert all(isinstance(s, str) and s for s in lab.stack)
    assert set(p.confidences) >= {"kind", "roles", "stack", "grades", "rate"}
    assert all(0.0 <= v <= 1.0 for v in p.confidences.values())
    if lab.kind == "other":
        assert lab.roles == ()
    if lab.kind == "digest":
        assert lab.rate is None and lab.location is None and lab.headcount is None


class TestMicroModel:
    def test_directory_is_hugging_face_style(self, micro_dir: Path) -> None:
        for name in ("config.json", "model.safetensors", "tokenizer.json", "heads.safetensors",
                     "radar.json", "eval.json"):
            assert (micro_dir / name).exists(), name
        meta = json.loads((micro_dir / "radar.json").read_text(encoding="utf-8"))
        assert meta["seed"] == 13 and meta["version"] and meta["data"]
        assert "kind" in json.loads((micro_dir / "eval.json").read_text(encoding="utf-8"))

    async def test_classify_returns_valid_labels(self, micro: TransformersClassifier) -> None:
        preds = await micro.classify(POSTS)
        assert len(preds) == len(POSTS)
        for p in preds:
            _valid(p)
            assert p.model_version == micro.version
            assert not p.unreadable

    async def test_bad_input_never_crashes(self, micro: TransformersClassifier) -> None:
        preds = await micro.classify(BAD_INPUTS)
        assert len(preds) == len(BAD_INPUTS)
        for p in preds:
            _valid(p)
        assert [p.unreadable for p in preds[:5]] == [True] * 5
        assert not preds[5].unreadable and not preds[6].unreadable

    async def test_empty_batch(self, micro: TransformersClassifier) -> None:
        assert await micro.classify([]) == []

    def test_a_repeated_text_is_classified_once(
        self, micro_dir: Path, monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        clf = TransformersClassifier.load(micro_dir, device="cpu", cache_size=16)
        seen: list[int] = []
        predict = clf._predict

        def counting(cleaned: list[str], raw: list[str]) -> list[Prediction]:
            seen.append(len(cleaned))
            return predict(cleaned, raw)

        monkeypatch.setattr(clf, "_predict", counting)
        try:
            first = clf.classify_sync([POSTS[0], POSTS[1], POSTS[0]])
            again = clf.classify_sync([POSTS[1]])
            uncached = TransformersClassifier.load(micro_dir, device="cpu", cache_size=0)
            fresh = uncached.classify_sync([POSTS[0], POSTS[1]])
            uncached.close()
        finally:
            clf.close()
        assert seen == [2]  # two distinct texts in the first batch, none in the second
        assert first[0] is first[2] and again[0] is first[1]
        assert [p.labels for p in first[:2]] == [p.labels for p in fresh]

    def test_a_new_roles_head_forgets_the_cached_predictions(self, micro_dir: Path) -> None:
        clf = TransformersClassifier.load(micro_dir, device="cpu")
        try:
            clf.classify_sync(POSTS)
            assert len(clf.cache) == len(POSTS)
            clf.set_linear_roles(None, {})
            assert len(clf.cache) == 0
        finally:
            clf.close()

    async def test_save_load_round_trip(self, micro_dir: Path, tmp_path: Path) -> None:
        first = TransformersClassifier.load(micro_dir, device="cpu")
        first.model.save(tmp_path / "copy", first.tokenizer)
        second = TransformersClassifier.load(tmp_path / "copy", device="cpu")
        try:
            a, b = await first.classify(POSTS), await second.classify(POSTS)
        finally:
            first.close()
            second.close()
        assert [p.labels for p in a] == [p.labels for p in b]
        for x, y in zip(a, b, strict=True):
            assert x.confidences["kind"] == pytest.approx(y.confidences["kind"], abs=1e-5)

    def test_bare_encoder_directory_asks_for_heads(self, micro_dir: Path, tmp_path: Path) -> None:
        clf = TransformersClassifier.load(micro_dir, device="cpu")
        clf.model.encoder.save_pretrained(str(tmp_path / "bare"))
        clf.close()
        with pytest.raises(ModelDirError, match="--base-model"):
            TransformersClassifier.load(tmp_path / "bare")


class TestDeviceAndSettings:
    def test_auto_picks_cpu_without_cuda(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
        assert resolve_device("auto") == torch.device("cpu")
        assert resolve_device("cpu") == torch.device("cpu")

    def test_settings_from_env(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CLASSIFIER_DEVICE", "cpu")
        monkeypatch.setenv("CLASSIFIER_BATCH_SIZE", "16")
        monkeypatch.setenv("CLASSIFIER_REVIEW_THRESHOLD", '{"kind": 0.9}')
        s = ClassifierSettings()
        assert (s.device, s.batch_size, s.review_threshold) == ("cpu", 16, {"kind": 0.9})
        assert s.resolved_model_path() == DEFAULT_MODEL_DIR

    def test_train_command_is_registered(self) -> None:
        from classifier.train_cli import add_commands

        parser = argparse.ArgumentParser()
        add_commands(parser.add_subparsers())
        args = parser.parse_args(["classifier", "train", "--quick", "--seed", "5"])
        assert args.quick and args.seed == 5 and callable(args.func)


@pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "radar.json").exists(), reason="no shipped model")
class TestShippedModel:
    def test_size_within_budget(self) -> None:
        size = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.rglob("*") if p.is_file())
        assert size <= SHIPPED_LIMIT_BYTES

    async def test_loads_and_classifies(self) -> None:
        clf = TransformersClassifier.load(device="cpu")
        try:
            preds = await clf.classify(POSTS)
        finally:
            clf.close()
        for p in preds:
            _valid(p)
        assert preds[0].labels.kind == "request"
        assert "Python" in preds[0].labels.stack


class TestLinearRolesStep:
    def test_training_writes_and_serves_the_linear_roles(self, micro_dir: Path) -> None:
        from classifier.encoder.linear_roles import has_linear_roles

        assert has_linear_roles(micro_dir)
        meta = json.loads((micro_dir / "radar.json").read_text(encoding="utf-8"))
        assert set(meta["roles_linear"]) == {"weight", "threshold"}
        assert meta["training"]["roles_linear"]["grid_weight_threshold_dev_f1"]
        clf = TransformersClassifier.load(micro_dir, device="cpu")
        try:
            assert clf.linear_roles is not None
        finally:
            clf.close()

    def test_only_linear_roles_refits_an_existing_directory(
        self, micro_dir: Path, tmp_path: Path
    ) -> None:
        import shutil

        from classifier.train import refit_linear_roles
        from tests.classifier_model.posts import write_annotations

        copy = tmp_path / "model"
        shutil.copytree(micro_dir, copy)
        for name in ("roles_linear.json", "roles_linear.npz"):
            (copy / name).unlink()
        report = refit_linear_roles(copy, data=write_annotations(tmp_path / "train.jsonl"),
                                    device="cpu")
        assert (copy / "roles_linear.npz").exists() and "roles" in report["lists"]
        assert json.loads((copy / "eval.json").read_text(encoding="utf-8"))["n"] == report["n"]

    def test_cli_flag(self) -> None:
        from classifier.train_cli import add_commands

        parser = argparse.ArgumentParser()
        add_commands(parser.add_subparsers())
        args = parser.parse_args(["classifier", "train", "--only-linear-roles"])
        assert args.only_linear_roles



@pytest.mark.parametrize("head_says", ["request", "other"])
def test_a_candidates_own_post_is_an_offer_whatever_the_kind_head_says(head_says: str) -> None:
    from classifier.encoder.decode import decode_row
    from classifier.encoder.multitask import HeadsMeta

    meta = HeadsMeta(version="t", stack=["Python"], thresholds={"roles": 0.5})
    probs = {head: torch.zeros((1, size)) for head, size in meta.sizes().items()}
    probs["kind"][0, meta.vocab("kind").index(head_says)] = 0.97
    probs["roles"][0, meta.vocab("roles").index("backend")] = 0.8
    probs["stack"][0, 0] = 0.9

    cued = decode_row(probs, 0, meta, {}, says_offer=True)
    plain = decode_row(probs, 0, meta, {}, says_offer=False)

    assert (cued.kind, plain.kind) == ("offer", head_says)
    assert cued.confidences["kind"] == pytest.approx(0.9)  # the rule's, not the head's 0.97
    assert cued.roles == ("backend",) and cued.stack == ("Python",)  # an offer keeps its labels


def test_an_offer_cue_reaches_the_labels_through_classify(micro: TransformersClassifier) -> None:
    text = "#резюме\nМеня зовут Иван, я Python-разработчик, ищу работу. Django, PostgreSQL."
    assert micro.classify_sync([text])[0].labels.kind == "offer"
