"""docker-compose.yml runs the whole product: every service checks its health and restarts by
itself, collectors only store, and classification scales by `--scale classifier=N`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NEEDED = {"postgres", "redis", "migrate", "bot", "classifier"}


def _services() -> dict[str, Any]:
    # safe_load resolves the file's anchors and `<<` merge keys as compose does.
    services: dict[str, Any] = yaml.safe_load(
        (ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    return services


def _compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 check=False).returncode == 0:
        return [docker, "compose"]
    return None


class TestCompose:
    def test_every_service_has_a_health_check_and_a_restart_policy(self) -> None:
        services = _services()
        assert services.keys() >= NEEDED
        for name, service in services.items():
            assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
            assert service.get("restart") in {"unless-stopped", "always", "on-failure"}, name

    def test_collectors_only_store_and_each_has_its_account(self) -> None:
        collectors = {n: s for n, s in _services().items() if n.startswith("collector")}
        assert collectors
        for name, service in collectors.items():
            command = service["command"]
            assert command[:2] == ["collector", "run"] and "--no-classify" in command, name
            assert command[command.index("--account") + 1] == name.removeprefix("collector-")
            assert service["environment"]["TELEGRAM_SESSION_DIR"] == "/data/telethon"

    def test_classifier_scales_and_everything_waits_for_the_migration(self) -> None:
        services = _services()
        classifier = services["classifier"]
        assert classifier["command"] == ["classifier", "work"]
        # A fixed name or host port would stop a second replica from starting.
        assert "container_name" not in classifier and "ports" not in classifier
        for name in ("bot", "classifier", *(n for n in services if n.startswith("collector"))):
            wait = services[name]["depends_on"]["migrate"]["condition"]
            assert wait == "service_completed_successfully", name
            assert services[name]["environment"]["DATABASE_URL"].startswith("postgresql://")

    def test_compose_config_validates_with_the_example_env(self, tmp_path: Path) -> None:
        command = _compose_command()
        if command is None:
            pytest.skip("no docker-compose or docker compose here; the checks above still ran")
        for name in ("docker-compose.yml", "Dockerfile"):
            shutil.copy2(ROOT / name, tmp_path / name)
        shutil.copy2(ROOT / ".env.example", tmp_path / ".env")
        done = subprocess.run([*command, "config", "--quiet"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
