# The two commands of the README: `make run` and `make test`.
.PHONY: run test bench lint

run:  ## set up and serve arvoketju with the battery dataset on http://127.0.0.1:8000
	scripts/run.sh

test:  ## set up and pass the whole test suite (SQLite and PostgreSQL, browser tests included)
	scripts/test.sh

bench:  ## the benchmarks of the issues' speed targets (synthetic data; about 5 minutes; web_bench.py is separate)
	.venv/bin/python bench/analytics_bench.py
	.venv/bin/python bench/partners_bench.py
	.venv/bin/python bench/partners_evaluation.py
	.venv/bin/python bench/network_bench.py

lint:
	.venv/bin/ruff check arvoketju conftest.py bench && .venv/bin/ruff format --check arvoketju conftest.py bench
