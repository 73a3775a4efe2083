"""Rule hits fed to the hinted heads: the same function runs at training and at inference.

Rules read the whole post (the encoder sees its first tokens only) and are precise on spelling;
the model learns per class how far to trust them (see MultiTaskModel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import torch

from classifier import parsers
from classifier.taxonomy import Taxonomy

RULES: dict[str, Callable[[str], tuple[str, ...]]] = {
    "grades": parsers.parse_grades,
    "format": parsers.parse_format,
    "employment": parsers.parse_employment,
}
HINTED_HEADS = ("stack", "roles", *RULES)


class Hinter:
    """Per-class 0/1 features: taxonomy matches for stack (and the families of those
    technologies for roles), the parsers for grades, format and employment."""

    def __init__(
        self, vocabularies: Mapping[str, Sequence[str]], taxonomy: Taxonomy | None = None
    ) -> None:
        self.taxonomy = taxonomy or Taxonomy.load()
        self.index = {
            head: {name: i for i, name in enumerate(vocabularies[head])} for head in HINTED_HEADS
        }

    def hits(self, texts: Sequence[str]) -> dict[str, list[tuple[str, ...]]]:
        stacks = [self.taxonomy.find_stack(t) for t in texts]
        out = {"stack": stacks,
               "roles": [tuple(self.taxonomy.role_families_for(s)) for s in stacks]}
        for head, rule in RULES.items():
            out[head] = [rule(t) for t in texts]
        return out

    def tensors(self, hits: Mapping[str, Sequence[Sequence[str]]]) -> dict[str, torch.Tensor]:
        out: dict[str, torch.Tensor] = {}
        for head, index in self.index.items():
            rows = hits[head]
            tensor = torch.zeros((len(rows), len(index)))
            for row, names in enumerate(rows):
                for name in names:
                    col = index.get(name)
                    if col is not None:
                        tensor[row, col] = 1.0
            out[head] = tensor
        return out
