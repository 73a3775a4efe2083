"""The wheel carries every file the product reads at run time: built, installed outside the
source tree without dependencies, and used from there (what the Docker image does)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What setuptools packages: pyproject's packages.find, read rather than repeated, so a new
# top-level package is checked the day it is added.
_SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
_FIND = _SETUPTOOLS["packages"]["find"]
SHIPPED_DIRS = tuple(sorted(pattern.rstrip("*") for pattern in _FIND["include"]))
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def _run(*command: str | Path, cwd: Path) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                          timeout=240, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _source_files() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for top in SHIPPED_DIRS for path in (ROOT / top).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy: an in-tree build would leave build/ behind and race parallel runs.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for top in SHIPPED_DIRS:
        shutil.copytree(ROOT / top, source / top, ignore=_IGNORE)
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-q", "-w", out, source, cwd=out)
    [built] = out.glob("outstaff_radar-*.whl")
    return built


class TestWheel:
    def test_every_source_file_is_in_the_wheel(self, wheel: Path) -> None:
        with zipfile.ZipFile(wheel) as archive:
            shipped = set(archive.namelist())
        missing = sorted(_source_files() - shipped)
        assert not missing, f"the wheel lacks {missing}"

    def test_installed_copy_translates_and_loads_the_whole_model(
        self, wheel: Path, tmp_path: Path
    ) -> None:
        target = tmp_path / "site"
        _run(sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile",
             "--disable-pip-version-check", "-q", "--target", target, wheel, cwd=tmp_path)
        probe = shutil.copy2(Path(__file__).with_name("installed_probe.py"), tmp_path)
        # -I: no PYTHON* variables, no script directory, no user site; cwd is outside the repo.
        found = json.loads(_run(sys.executable, "-I", probe, target, cwd=tmp_path))
        for key in ("bot", "locales", "model_dir", "static"):
            assert Path(found[key]).resolve().is_relative_to(target.resolve()), (key, found[key])
        assert found["index_html"] and found["demo_history"]
        assert "push-match" not in found["texts"].values(), found["texts"]
        assert found["texts"]["ru"] != found["texts"]["en"]
        assert found["linear_kind"] and found["linear_roles"], found
        assert "+linear-" in found["version"]
        assert found["kind"] == "request"
        assert "0001" in found["revisions"]


def test_the_image_copies_every_shipped_package() -> None:
    # The Dockerfile installs from what it COPYs: a package left out imports in tests and fails
    # only inside the image.
    copied = set(re.findall(r"^COPY (\S+) \1$", (ROOT / "Dockerfile").read_text(), re.M))
    assert set(SHIPPED_DIRS) <= copied, sorted(set(SHIPPED_DIRS) - copied)
