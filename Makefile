# Aizu resident inquiry assistant. `make help` lists the targets.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
MODEL_STAMP := models/.trained
TRAIN_INPUTS := config.yml domain.yml $(shell find data/nlu data/rules data/topics data/municipalities data/safety bot/nlu bot/safety -type f \( -name '*.yml' -o -name '*.py' -o -name '*.jsonl' \) 2>/dev/null)
export TF_CPP_MIN_LOG_LEVEL ?= 3

.DEFAULT_GOAL := help
.PHONY: help run test test-fast system venv train validate evaluate evaluate-safety lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: system venv $(MODEL_STAMP) ## Serve the widget and API on http://127.0.0.1:8000 (starts a local Redis if none is configured)
	$(PY) -m connectors

test: system venv ## Run all tests (trains a fresh model once per run)
	$(PY) -m pytest

test-fast: venv ## Run the tests that need no trained model or browser
	$(PY) -m pytest -m "not slow"

system: ## Install Debian packages (redis-server, chromium, npm) when missing
	@scripts/install-system.sh

venv: $(STAMP) $(NODE_STAMP) ## Create .venv with Python 3.10 and the pinned packages (and the npm data packages)

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STAMP): requirements.lock
	@test -x $(PY) || "$$(scripts/find-python310.sh)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip<25"
	$(PY) -m pip install -q -r requirements.lock
	@touch $@

train: venv $(MODEL_STAMP) ## Train the model from data/ (prints where it went)

$(MODEL_STAMP): $(STAMP) $(NODE_STAMP) $(TRAIN_INPUTS)
	$(PY) -m bot validate
	$(PY) -m bot train
	@touch $@

validate: venv ## Check data/ and domain.yml (file, line and fix for every problem)
	$(PY) -m bot validate

evaluate: venv $(MODEL_STAMP) ## Held-out NLU evaluation -> docs/nlu-evaluation.md
	$(PY) -m bot evaluate

lint: venv ## ruff check, ruff format --check and mypy
	$(VENV)/bin/ruff check bot actions connectors tests benchmarks
	$(VENV)/bin/ruff format --check bot actions connectors tests benchmarks
	$(VENV)/bin/mypy bot actions connectors

evaluate-safety: venv $(MODEL_STAMP) ## Safety evaluation (crisis recall per situation, false alarms) -> docs/safety-evaluation.md
	$(PY) -m bot evaluate --safety

bench: venv $(MODEL_STAMP) ## Load benchmark against the connector and stock `rasa run`
	$(PY) benchmarks/load.py

clean: ## Remove models and local state (keeps .venv)
	rm -rf models .state
