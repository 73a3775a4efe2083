"""Follow-up chains read from a TOML file and checked at load: every `next` names a step of
the chain, no walk from `first` comes back to a step, and every template is valid."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crm.errors import CrmInputError
from crm.outreach_templates import TemplateDraft, check_template
from db.models.outreach import STEP_KINDS

DEFAULT_CHAINS_FILE = Path(__file__).with_name("outreach_chains.toml")
MAX_WAIT_HOURS = 24 * 60


@dataclass(frozen=True)
class ChainStep:
    name: str
    kind: str
    after_working_hours: float = 0.0
    after_hours: float = 0.0


@dataclass(frozen=True)
class Chain:
    name: str
    steps: tuple[ChainStep, ...]  # in walking order, `first` first


@dataclass(frozen=True)
class ChainBook:
    chains: dict[str, Chain]
    templates: tuple[TemplateDraft, ...]

    def chain(self, name: str) -> Chain:
        if name not in self.chains:
            raise CrmInputError("outreach_no_chain", name)
        return self.chains[name]


class ChainFileError(ValueError):
    """The chain file is wrong; the message says where."""


def _step(chain: str, name: str, raw: Any) -> tuple[ChainStep, str | None]:
    where = f"chain {chain!r}, step {name!r}"
    if not isinstance(raw, dict) or raw.get("kind") not in STEP_KINDS:
        raise ChainFileError(f"{where}: kind must be one of {', '.join(STEP_KINDS)}")
    waits = {k: raw.get(k, 0) for k in ("after_working_hours", "after_hours")}
    for key, value in waits.items():
        if not isinstance(value, int | float) or not 0 <= value <= MAX_WAIT_HOURS:
            raise ChainFileError(f"{where}: {key} must be 0..{MAX_WAIT_HOURS} hours")
    following = raw.get("next")
    if following is not None and not isinstance(following, str):
        raise ChainFileError(f"{where}: next must be a step name")
    return ChainStep(name, raw["kind"], float(waits["after_working_hours"]),
                     float(waits["after_hours"])), following


def _chain(name: str, raw: Any) -> Chain:
    if not isinstance(raw, dict) or not isinstance(raw.get("steps"), dict):
        raise ChainFileError(f"chain {name!r}: needs `first` and [steps]")
    parsed = {step: _step(name, step, body) for step, body in raw["steps"].items()}
    current: str | None = raw.get("first")
    walked: list[ChainStep] = []
    while current is not None:
        if current not in parsed:
            raise ChainFileError(f"chain {name!r}: missing step {current!r}")
        if any(s.name == current for s in walked):
            path = " → ".join([*(s.name for s in walked), current])
            raise ChainFileError(f"chain {name!r}: cycle {path}")
        step, current = parsed[current]
        walked.append(step)
    if not walked:
        raise ChainFileError(f"chain {name!r}: no `first` step")
    return Chain(name, tuple(walked))


def _template(key: str, raw: Any) -> TemplateDraft:
    if not isinstance(raw, dict):
        raise ChainFileError(f"template {key!r}: not a table")
    draft = TemplateDraft(key=key, kind=str(raw.get("kind")), language=str(raw.get("language")),
                          body=str(raw.get("body", "")), subject=raw.get("subject"))
    try:
        check_template(draft)
    except CrmInputError as exc:
        raise ChainFileError(f"template {key!r}: {exc}") from exc
    return draft


def parse_chains(text: str) -> ChainBook:
    """Raises ChainFileError naming the chain, step or template at fault."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ChainFileError(f"not TOML: {exc}") from exc
    chains = {name: _chain(name, body) for name, body in raw.get("chains", {}).items()}
    if not chains:
        raise ChainFileError("no [chains.<name>] table")
    templates = tuple(_template(k, v) for k, v in raw.get("templates", {}).items())
    return ChainBook(chains, templates)


def load_chains(path: Path = DEFAULT_CHAINS_FILE) -> ChainBook:
    """Raises ChainFileError whose one line names the file, then what is wrong and where."""
    try:
        return parse_chains(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ChainFileError(f"chain file {path}: {reason}") from exc
    except ChainFileError as exc:
        raise ChainFileError(f"chain file {path}: {exc}") from exc
