"""Which classifier a process runs: the neural model, or the baseline where it cannot load.

The collector's start-up and the `classifier` CLI both choose through here.
"""

from __future__ import annotations

import logging
from pathlib import Path

from classifier.api import Classifier
from classifier.settings import ClassifierSettings

log = logging.getLogger(__name__)

DEFAULT_BASELINE_DIR = Path("models/baseline")


def load_model(model_dir: Path | None, baseline_dir: Path | None) -> Classifier:
    """The neural model unless the baseline is asked for or the neural one cannot load."""
    from classifier.baseline import BaselineClassifier

    if baseline_dir is not None:
        return BaselineClassifier.load(baseline_dir)
    try:
        from classifier.transformers_model import TransformersClassifier
    except ImportError as exc:
        log.warning("neural model unavailable (%s); falling back to the baseline in %s",
                    exc, DEFAULT_BASELINE_DIR)
        return BaselineClassifier.load(DEFAULT_BASELINE_DIR)
    try:
        model: Classifier = TransformersClassifier.load(model_dir)
    except OSError as exc:  # the model dir is missing or has no heads (ModelDirError)
        log.warning("no neural model (%s); falling back to the baseline in %s",
                    exc, DEFAULT_BASELINE_DIR)
        return BaselineClassifier.load(DEFAULT_BASELINE_DIR)
    return model


def load_configured(settings: ClassifierSettings) -> Classifier:
    """The neural model from CLASSIFIER_* settings; where it cannot load, load_model's choice."""
    try:
        from classifier.transformers_model import TransformersClassifier

        return TransformersClassifier.from_settings(settings)
    except (ImportError, OSError) as exc:
        log.warning("neural classifier unavailable (%s): using the fallback", exc)
        return load_model(None, None)
