"""Device choice and CPU thread limits, shared by training and serving."""

from __future__ import annotations

import contextlib

import torch


def resolve_device(name: str = "auto") -> torch.device:
    """`auto` picks CUDA when present, else CPU; anything else is passed to torch as is."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def limit_threads(threads: int) -> None:
    # The host is shared (2 cores): more intra-op threads than cores only adds contention.
    torch.set_num_threads(max(1, threads))
    if torch.get_num_interop_threads() != 1:
        # Fixed for good once torch has run parallel work in this process: then keep it.
        with contextlib.suppress(RuntimeError):
            torch.set_num_interop_threads(1)
