"""The next-needs network: client features → hidden layers with dropout → a sigmoid per
characteristic; per-category thresholds chosen on validation data."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

HIDDEN = (128, 64)
DROPOUT = 0.3
EPOCHS = 300
LEARNING_RATE = 3e-3
WEIGHT_DECAY = 1e-4
THRESHOLDS = tuple(t / 20 for t in range(1, 20))


class NextNeeds(nn.Module):
    def __init__(self, inputs: int, outputs: int, hidden: Sequence[int] = HIDDEN,
                 dropout: float = DROPOUT) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        width = inputs
        for size in hidden:
            layers += [nn.Linear(width, size), nn.ReLU(), nn.Dropout(dropout)]
            width = size
        layers.append(nn.Linear(width, outputs))
        self.layers = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)  # logits; sigmoid at prediction time


@dataclass(frozen=True)
class Trained:
    model: NextNeeds
    seed: int
    epochs: int
    best_epoch: int
    validation_loss: float


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train(
    x: np.ndarray, y: np.ndarray, x_val: np.ndarray, y_val: np.ndarray, *, seed: int = 13,
    epochs: int = EPOCHS, progress: Callable[[int, float], None] | None = None,
) -> Trained:
    """Full-batch Adam (a few hundred clients); keeps the epoch with the best validation loss."""
    seed_everything(seed)
    torch.set_num_threads(1)
    model = NextNeeds(x.shape[1], y.shape[1])
    optimiser = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE,
                                 weight_decay=WEIGHT_DECAY)
    loss_fn = nn.BCEWithLogitsLoss()
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    vx, vy = torch.from_numpy(x_val), torch.from_numpy(y_val)
    best, best_epoch, best_state = float("inf"), 0, model.state_dict()
    for epoch in range(epochs):
        model.train()
        optimiser.zero_grad()
        loss = loss_fn(model(tx), ty)
        loss.backward()
        optimiser.step()
        model.eval()
        with torch.no_grad():
            val = float(loss_fn(model(vx), vy))
        if val < best:
            best, best_epoch = val, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        if progress:
            progress(epoch, val)
    model.load_state_dict(best_state)
    model.eval()
    return Trained(model, seed, epochs, best_epoch, best)


def predict(model: NextNeeds, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return torch.sigmoid(model(torch.from_numpy(x.astype(np.float32)))).numpy()


def category_thresholds(scores: np.ndarray, truth: np.ndarray,
                        categories: Sequence[str]) -> dict[str, float]:
    """Per category, the threshold with the best F1 on validation (categories: one per column)."""
    chosen: dict[str, float] = {}
    names = np.array(categories)
    for category in dict.fromkeys(categories):
        cols = names == category
        s, t = scores[:, cols], truth[:, cols]
        best, best_f1 = 0.5, -1.0
        for threshold in THRESHOLDS:
            hit = s >= threshold
            tp = float((hit & (t > 0)).sum())
            f1 = 2 * tp / max(float(hit.sum() + (t > 0).sum()), 1.0)
            if f1 > best_f1:
                best, best_f1 = threshold, f1
        chosen[category] = best
    return chosen
