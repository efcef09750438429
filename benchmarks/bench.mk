# `make bench`: start-up, export and scale benchmarks (benchmarks/run.py, docs/performance.md).
# Prints one table and writes benchmarks/results.md. Missed targets are printed as MISS but do
# not fail the target; it fails only when something could not be measured.
# BENCH_ARGS=--quick for fewer runs; BENCH_ARGS="--only startup" for one part.

.PHONY: bench

bench: install
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run.py $(BENCH_ARGS)
	$(PY) benchmarks/limits.py  # the worst case of each input limit (issue 18)
