# The two commands of the README: `make run` and `make test`.
.PHONY: run test bench lint

run:  ## set up and serve arvoketju with the battery dataset on http://127.0.0.1:8000
	scripts/run.sh

test:  ## set up and pass the whole test suite (SQLite and PostgreSQL, browser tests included)
	scripts/test.sh

lint:
	.venv/bin/ruff check arvoketju conftest.py bench && .venv/bin/ruff format --check arvoketju conftest.py bench
