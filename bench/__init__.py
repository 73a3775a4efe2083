"""Benchmarks for the figures the issues name; run them all with `make bench`.

The folder keeps the name the team's guide gives it (`make bench`, figures in bench/results/);
everywhere else in the code "bench" means the pool of free developers (crm/bench*.py)."""
