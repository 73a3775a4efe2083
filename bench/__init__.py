"""Benchmarks for the figures the issues name; run them all with `make bench`."""
