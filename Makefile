# The README's two commands are `make demo` and `make test`; both set themselves up first.
PY := .venv/bin/python
.PHONY: bootstrap demo test lint fuzz-long bench bench-quick clean

bootstrap:
	@scripts/bootstrap.sh

demo: bootstrap
	$(PY) -m skill demo $(ARGS)

test: bootstrap lint
	$(PY) -m pytest
	# The benchmarks as a smoke run: every script still runs end to end (figures: `make bench`).
	$(PY) benchmarks/run_all.py --quick

lint: bootstrap
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	.venv/bin/cfn-lint template.yaml
	# SAM's own validation, offline: it needs a region and credentials to exist, not to be real.
	SAM_CLI_TELEMETRY=0 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=offline AWS_SECRET_ACCESS_KEY=offline \
		.cache/sam/bin/sam validate --lint --template template.yaml
	$(PY) -m interaction_model.tools.build_models --check

fuzz-long: bootstrap
	FUZZ_EXAMPLES=200000 $(PY) -m pytest tests/fuzz -p no:cacheprovider -o addopts="" -q

bench: bootstrap
	$(PY) benchmarks/run_all.py

bench-quick: bootstrap
	$(PY) benchmarks/run_all.py --quick

clean:
	rm -rf .venv .cache .mypy_cache .ruff_cache .pytest_cache
