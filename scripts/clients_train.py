"""`radar clients train`: the recommender on the real posts' time split; the artifact keeps
the network and says which scorer is the default (the network only if it beats the client's
own history on MAP)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recommender import artifact, evaluate, network
from recommender.dataset import histories
from recommender.dictionary import Dictionary
from recommender.evaluate import Evaluation
from scripts.clients_posts import SHARED, request_events


def evaluate_posts(seed: int, shared: Path = SHARED, bar: Any = None) -> Evaluation:
    by_client = histories(request_events(shared))

    def shown(epoch: int, loss: float) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix(val_loss=f"{loss:.4f}")

    return evaluate.run(by_client, Dictionary.load(), seed=seed, progress=shown)


def train(
    seed: int, out: Path = artifact.MODEL_DIR, shared: Path = SHARED
) -> tuple[str, Evaluation]:
    from tqdm import tqdm

    with tqdm(total=network.EPOCHS, desc="next needs", unit=" epoch") as bar:
        result = evaluate_posts(seed, shared, bar)
    dictionary = Dictionary.load()
    meta = {
        "default": result.default, "characteristics": list(dictionary.ids),
        "thresholds": result.thresholds, "popular": [round(float(p), 6) for p in result.popular],
        "hidden": list(network.HIDDEN), "dropout": network.DROPOUT, "seed": seed,
        "epochs": result.trained.epochs, "best_epoch": result.trained.best_epoch,
        "split": {"test_cutoff": evaluate.TEST_CUTOFF.isoformat(), **result.sizes},
        "figures": result.figures,
    }
    return artifact.save(out, result.trained.model.state_dict(), meta), result
