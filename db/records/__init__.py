"""Frozen dataclasses returned upward, one module per aggregate: nothing lazy-loads later."""
