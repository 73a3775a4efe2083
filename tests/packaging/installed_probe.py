"""Run by test_wheel.py with `python -I` from outside the repository, the installed copy first
on sys.path: what the product reads at run time must come from that copy."""

from __future__ import annotations

import json
import sys
from pathlib import Path

target = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(target))

import bot  # noqa: E402
from bot.i18n import LOCALES_DIR, Translator  # noqa: E402
from classifier.settings import DEFAULT_MODEL_DIR  # noqa: E402
from classifier.transformers_model import TransformersClassifier  # noqa: E402
from db import migrate  # noqa: E402
from sandbox.webchat import STATIC_DIR  # noqa: E402
from scripts import demo_history  # noqa: E402

translator = Translator()
model = TransformersClassifier.load(threads=1)
[prediction] = model.classify_sync(["Ищем Senior Python разработчика, удалённо, 3000 ₽/ч"])
model.close()
sys.stdout.write(json.dumps({
    "bot": bot.__file__,
    "locales": str(LOCALES_DIR),
    "model_dir": str(DEFAULT_MODEL_DIR),
    "static": str(STATIC_DIR),
    "demo_history": len(demo_history.build()) >= 150,
    "index_html": (STATIC_DIR / "index.html").is_file(),
    "texts": {lang: translator.pick(lang).get("push-match", name="python")
              for lang in ("ru", "en")},
    "linear_kind": model.linear_kind is not None,
    "linear_roles": model.linear_roles is not None,
    "version": model.version,
    "kind": prediction.labels.kind,
    "revisions": migrate.revisions("postgresql://nobody@127.0.0.1:1/none"),
}) + "\n")
