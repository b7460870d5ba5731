# Three commands matter: `make run`, `make check` (quick, while working) and `make test` (all;
# see README.md).
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MANAGE := $(UV) run python manage.py

.PHONY: run check test sync messages pdf uv lint bench

uv:
	@command -v uv >/dev/null 2>&1 || test -x $(HOME)/.local/bin/uv || python3 -m pip install --user --quiet uv

sync: uv
	$(UV) sync --frozen

# Translations are compiled from locale/*.po; needs GNU gettext's msgfmt.
messages: sync
	@command -v msgfmt >/dev/null 2>&1 || { test "$$(id -u)" = 0 && apt-get install -y -qq gettext >/dev/null; } || { echo "msgfmt saknas: installera paketet gettext"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --verbosity=0

# PDFs (the annual follow-up) are made by WeasyPrint; needs Pango and a font from Debian.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core
pdf: sync
	@$(UV) run python -c "import weasyprint" >/dev/null 2>&1 || { test "$$(id -u)" = 0 && apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; } || { echo "WeasyPrint saknar systembibliotek: installera $(PDF_PACKAGES)"; exit 1; }

run: sync messages pdf
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Portalen: http://127.0.0.1:8000/  (logga in som kommunpolis / demo-kommunpolis)"
	@# The e-mail worker runs beside the web server and stops with it (Ctrl-C stops both).
	@$(MANAGE) task_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:8000

# Style, and the layers of docs/architecture.md (features -> promises -> portal).
lint: sync
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run lint-imports

# Quick feedback while working: style, layers and the unit tests on 2 cores, without Chromium
# and without the PostgreSQL concurrency tests (`make test` runs those too).
check: sync messages lint
	$(UV) run pytest -n 2 -m "not browser and not concurrency"

test: sync messages pdf lint
	@# Under the test settings, so that the test-only app (tests/third_kind) is checked too.
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(UV) run pytest

# Ten years of data served by gunicorn as in production; prints rps and p50/p95 per endpoint.
bench: sync messages
	@command -v wrk >/dev/null 2>&1 || { test "$$(id -u)" = 0 && apt-get install -y -qq wrk >/dev/null 2>&1; } || echo "wrk saknas: mäter med Python i stället"
	$(UV) run python bench/run.py
