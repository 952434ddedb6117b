# Frivillighedsportalen. `make run` serves the demo; `make test` runs every test.
# Both set up what they need: the system packages they lack (portal/system_packages.py), a
# virtualenv in .venv and, unless DATABASE_URL is set, an embedded PostgreSQL in .data/postgres
# that stops again when the command ends.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test setup lock clean-data help backup restore bench system-packages-run system-packages-test

help:
	@echo "make run    – set up and serve the portal on http://127.0.0.1:8000 (PORT overrides)"
	@echo "make test   – set up (system packages too) and run the whole test suite"
	@echo "make setup  – only install, migrate and load the demo content"
	@echo "make lock   – re-pin requirements.lock from pyproject.toml"
	@echo "make bench  – benchmark on a scaled data set (BENCH_ARGS=--quick for a smoke run)"

# Before .venv exists, so with the system Python; listed first where a target needs both.
system-packages-run system-packages-test:
	@$(PYTHON) portal/system_packages.py $(@:system-packages-%=%)

$(INSTALLED): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

setup: system-packages-run $(INSTALLED)
	$(PY) -m portal.launch setup

run: system-packages-run $(INSTALLED)
	$(PY) -m portal.launch run

# The tests run in one process per core (pytest-xdist); TEST_WORKERS=0 runs them in this one
# (for -s or --pdb).
TEST_WORKERS ?= auto
test: system-packages-test $(INSTALLED)
	$(PY) -m portal.launch test -- -n $(TEST_WORKERS) $(PYTEST_ARGS)

lock: $(INSTALLED)
	$(PY) -m pip install --quiet --disable-pip-version-check ".[embedded,test]"
	(echo "# Exact versions of every package, direct and indirect (Python 3.11)."; \
	 echo "# Regenerate after changing pyproject.toml: make lock"; \
	 $(PY) -m pip freeze --exclude-editable | grep -v '^frivillighedsportalen' | sort -f) > requirements.lock

clean-data:
	rm -rf .data

# Back up the database and uploaded files to .data/backups/<time>/ (or BACKUP=folder).
backup: $(INSTALLED)
	$(PY) -m portal.launch exec -- $(PY) manage.py backup $(if $(BACKUP),--output $(BACKUP))

# Restore a backup folder: make restore BACKUP=.data/backups/20261122-101500
restore: $(INSTALLED)
	@test -n "$(BACKUP)" || (echo "Say which backup: make restore BACKUP=folder"; exit 2)
	$(PY) -m portal.launch exec -- $(PY) manage.py restore $(BACKUP)

# Benchmark (needs wrk: apt-get install wrk). Scaled data in its own database; see README.
bench: $(INSTALLED)
	$(PY) -m portal.launch bench -- $(BENCH_ARGS)
