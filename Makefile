# Two commands do everything on a fresh machine: `make demo` and `make test`.
# Both run the same idempotent set-up first (Debian packages, .venv, the package).

VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test golden lint types-baseline templates bench clean

setup:
	@bash tools/setup.sh

# The bundled seed documents keep the defects of the originals on purpose: `check` lists
# them once (exit 1 means «findings», accepted here; any other failure stops the demo), and
# `build` and `publish` go on with --force, printing only a count.
demo: setup
	@echo "$(BIN)/prikaz check content/"
	@$(BIN)/prikaz check content/ || test $$? -eq 1
	$(BIN)/prikaz build content/ -o output/ --pdf --force
	$(BIN)/prikaz diff content/novosibirsk/plan-2020.yaml content/novosibirsk/plan-2020-ed2.yaml -o output/ --pdf
	$(BIN)/prikaz publish content/ --site output/site --force
	@$(BIN)/python tools/demo_summary.py output

test: setup
	$(BIN)/python -m pytest -q

# Rewrite tests/golden/ (DOCX outlines, page screenshots) from what the code builds now;
# review `git diff tests/golden` before committing (tests/golden/README.md).
golden: setup
	PRIKAZ_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py tests/test_render_pdf.py \
		tests/test_compare_html.py tests/test_publish.py

# The type checker fails only on errors that are not in .basedpyright/baseline.json
# (pyproject.toml, [tool.pyright]).
lint:
	@bash tools/setup.sh --lint
	$(BIN)/ruff check generator tests tools bench
	$(BIN)/ruff format --check generator tests tools bench
	$(BIN)/basedpyright

# Rewrite the baseline from the errors the checker reports now (after a merge, or to accept
# an error on purpose); review `git diff .basedpyright` before committing.
types-baseline:
	@bash tools/setup.sh --lint
	$(BIN)/basedpyright --writebaseline

templates: setup
	$(BIN)/python tools/make_templates.py

clean:
	rm -rf output/

bench:
	@bash tools/setup.sh --bench
	$(BIN)/python bench/bench.py
