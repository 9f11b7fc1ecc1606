# klimaviden: `make run` sets up, indexes corpus/ and serves; `make test` sets up and runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv test-deps browser ocr bench bench-quick eval eval-relevance test-slow test-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# exit 1 means "indexed, but some files failed" (listed): the app still serves the rest
run: $(VENV)/.installed ocr
	$(BIN)/klimaviden reindex || [ $$? -eq 1 ]
	$(BIN)/klimaviden serve --host $(HOST) --port $(PORT)

browser:
	@bash tools/ensure-browser.sh

ocr:
	@bash tools/ensure-ocr.sh

test-deps: $(VENV)/.installed-test browser ocr

test: test-deps
	$(BIN)/python -m pytest

test-slow: test-deps
	$(BIN)/python -m pytest -m slow

test-load: test-deps
	$(BIN)/python -m pytest -m load -s

$(VENV)/.installed-bench: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench

bench-quick: $(VENV)/.installed-bench
	$(BIN)/python -m bench --quick

# nDCG@10, MRR and zero-result rates on the judged queries of bench/relevance (also part of `make bench`)
eval-relevance: $(VENV)/.installed-bench
	$(BIN)/python -m bench.relevance

# precision and recall of the extracted metadata on the labelled set in tests/eval/ (issue 12)
eval: $(VENV)/.installed-test
	$(BIN)/python -m tests.eval

clean:
	rm -rf $(VENV) var node_modules
