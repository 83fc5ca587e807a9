# Mori — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# make serve (team mode): the address to listen on (a TLS reverse proxy in front), the
# administrator's allow-list and Streamlit's secrets file with the [auth] section
HOST    ?= 127.0.0.1
TEAM    ?= .streamlit/team.toml
SECRETS ?= .streamlit/secrets.toml
# make test: pytest workers (WORKERS=0 runs in one process). Four on a 2-core machine: the
# browser journeys mostly wait on a server and a browser (CPU ~135 % of 200 % busy with three);
# on 2026-12-07, clean clones of one commit with nothing else running: three workers 874 s of
# tests (15 min 11 s in all), four 819 s (14 min 12 s) — one run each; later that night four
# 894 s (15 min 27 s), six 985 s (16 min 59 s): more workers than that only queue for the cores.
# loadgroup (tests/conftest.py) hands out one test module at a time in collection order
# (journeys first, spread over the workers) and keeps each xdist_group (Spark: one JVM) on
# one worker
WORKERS ?= 4
# Python may write its compiled bytecode (__pycache__/, ignored by git) even where the
# environment says not to: with PYTHONDONTWRITEBYTECODE set, and uv installing without
# bytecode, every process (each test worker, each server a journey starts, each worker
# process of a cleaning job) compiled pandas, scikit-learn, Streamlit and Mori from source
# on import — 9.9 s of CPU to import the app's stack instead of 2.6 s on 2 cores.
unexport PYTHONDONTWRITEBYTECODE
STAMP_RUN  := $(VENV)/.stamp-run
STAMP_DEV  := $(VENV)/.stamp-dev

.PHONY: run serve test lint bench demo-data clean

# Installs go through uv (bootstrapped into the venv by pip): the same versions pip
# resolves, ~4x faster on a fresh machine (2m49s -> 47s for '.[dev,spark]' on 2 cores,
# no cache). Where uv is missing or fails (uv reads no pip.conf: a private index), pip
# does the work.
INSTALL = $(PY) -m uv pip install --quiet --python $(PY) $(1) || $(PY) -m pip install --quiet $(1)

DEV_EXTRAS := '.[dev,spark]'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	-$(PY) -m pip install --quiet uv

$(STAMP_RUN): pyproject.toml | $(PY)
	$(call INSTALL,-e .)
	touch $@

$(STAMP_DEV): pyproject.toml | $(PY)
	$(call INSTALL,-e $(DEV_EXTRAS))
	touch $(STAMP_RUN) $@

## make run: start the app on 127.0.0.1 with the bundled demo data loaded. The launcher
## (abm.ui.launch) is `streamlit run app.py` that imports the app and reads a configured
## source's stored preparation, or prepares a new or changed source ahead (and again
## every refresh_minutes), before the first session asks (with no source: builds the demo).
run: $(STAMP_RUN)
	$(PY) -m abm.ui.launch --server.address 127.0.0.1 --server.port $(PORT) -- --demo

## make serve: team mode — sign-in (OIDC), allow-list, members; refuses to start without [auth]
serve: $(STAMP_RUN)
	MORI_TEAM_CONFIG=$(TEAM) $(PY) -m abm.ui.serve --secrets $(SECRETS) --host $(HOST) --port $(PORT)
	MORI_TEAM_CONFIG=$(TEAM) $(PY) -m abm.ui.launch --server.address $(HOST) \
		--server.port $(PORT) --secrets.files $(SECRETS)

## make test: ruff + the whole suite (browser journeys when /usr/bin/chromium exists)
test: $(STAMP_DEV)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -n $(WORKERS) --dist loadgroup --durations=25

lint: $(STAMP_DEV)
	$(PY) -m ruff check .

## make bench: every benchmark, one table (slow; not part of make test)
bench: $(STAMP_DEV)
	$(PY) -m bench.run_all

demo-data: $(STAMP_RUN)
	$(PY) -m data.generate

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
