"""`python -m classifier eval|predict|baseline-train …`."""

from __future__ import annotations

import argparse
import sys

from classifier.cli import add_classifier_subcommands, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classifier")
    add_classifier_subcommands(parser.add_subparsers(dest="command", required=True))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
