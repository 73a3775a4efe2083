"""`radar classifier corrections export`: a process over the real database writes the corrected
cards as labelled posts that training reads."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from classifier.corrections import read_corrections
from crm import corrections
from db.uow import UnitOfWork
from tests.crm import factories

ROOT = Path(__file__).resolve().parents[2]


async def _export(database_url: str, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "HEALTH_PORT": "0"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "scripts.radar", "classifier", "corrections", "export", *args,
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode or 0, out.decode(), err.decode()


class TestCorrectionsExportCommand:
    async def test_writes_what_training_reads(
        self, session_factory: async_sessionmaker[AsyncSession], uow: UnitOfWork,
        database_url: str, tmp_path: Path,
    ) -> None:
        admin = await factories.user(uow, 1, "admin")
        card_id = await factories.card(session_factory, text="Ищем Go разработчика, удалённо")
        await corrections.correct(uow, admin, card_id, "roles", "devops")
        out = tmp_path / "corrections.jsonl"
        code, stdout, stderr = await _export(database_url, "--out", str(out))
        assert code == 0, stderr
        assert "exported 1 corrected card(s)" in stdout
        [fix] = read_corrections(out)
        assert fix.fields == ("roles",) and fix.labels.roles == ("backend", "devops")
        assert not out.with_name(out.name + ".partial").exists()

    async def test_a_missing_folder_is_a_clear_error(self, database_url: str,
                                                     tmp_path: Path) -> None:
        code, _, stderr = await _export(database_url, "--out", str(tmp_path / "no" / "c.jsonl"))
        assert code == 2 and "is not a directory" in stderr
