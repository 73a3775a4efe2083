"""`radar classifier corrections export`: managers' corrections as labelled posts (JSONL in the
annotation format) that `radar classifier train --corrections` learns from."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path("corrections.jsonl")


def add_commands(classifier_sub: Any) -> None:
    parser = classifier_sub.add_parser("corrections", help="managers' label corrections")
    sub = parser.add_subparsers(dest="corrections_command", required=True)
    export = sub.add_parser("export", help="write corrected cards as labelled posts (JSONL)")
    export.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"JSONL file to write (default {DEFAULT_OUT})")
    export.set_defaults(func=cmd_export)


async def cmd_export(args: argparse.Namespace) -> int:
    from crm.correction_export import export
    from scripts.database import open_uow

    out: Path = args.out
    if out.parent and not out.parent.is_dir():
        sys.stderr.write(f"radar: {out.parent} is not a directory\n")
        return 2
    # Written beside, then moved: a failed export never leaves half a file for training.
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8") as fh:
        def write(row: dict[str, Any]) -> None:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

        async with open_uow() as uow:
            count = await export(uow, write)
    partial.replace(out)
    sys.stdout.write(f"exported {count} corrected card(s) to {out}\n")
    return 0
