# Seguimiento — the two commands: `make run` and `make test`. Each creates .venv when missing.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PO     := $(wildcard tracker/translations/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)
# Browser tests: axe-core, fetched from the npm registry (rule at the end of this file).
AXE_CORE := axe-core@4.14.1
AXE    := tests/browser/vendor/axe.min.js
# The API's interactive docs (/api/v1/docs): Swagger UI, fetched from the npm registry, served by the app.
SWAGGER_UI := swagger-ui-dist@5.17.14
SWAGGER    := tracker/static/vendor/swagger-ui/swagger-ui-bundle.js

.PHONY: run test lint format translations extract-messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ --statistics

translations: $(MO)

run: $(STAMP) translations $(SWAGGER)
	$(BIN)/tracker db upgrade
	$(BIN)/tracker demo
	$(BIN)/tracker run --host 127.0.0.1 --port 5000

test: $(STAMP) translations $(AXE) $(SWAGGER)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the catalogs after changing user-facing strings (Spanish is the source language).
extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o tracker/translations/messages.pot .
	$(BIN)/pybabel update -i tracker/translations/messages.pot -d tracker/translations

clean:
	rm -rf $(VENV) instance/*.sqlite

# --- browser tests --------------------------------------------------------------------------
# axe-core for tests/browser/test_accessibility.py, from the npm registry (no CDN at run time);
# git-ignored. After changing AXE_CORE: rm -rf tests/browser/vendor && make test
$(AXE):
	@mkdir -p $(@D)
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent $(AXE_CORE) >/dev/null) && \
	  tar -xzmf "$$tmp"/axe-core-*.tgz -C "$$tmp" package/axe.min.js && \
	  mv "$$tmp/package/axe.min.js" $@
# --- end browser tests ----------------------------------------------------------------------

# Swagger UI for the API docs page, from the npm registry (no CDN at run time); git-ignored.
$(SWAGGER):
	@mkdir -p $(@D)
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd "$$tmp" && npm pack --silent $(SWAGGER_UI) >/dev/null) && \
	  tar -xzmf "$$tmp"/swagger-ui-dist-*.tgz -C "$$tmp" package/swagger-ui-bundle.js package/swagger-ui.css package/LICENSE && \
	  mv "$$tmp"/package/swagger-ui-bundle.js "$$tmp"/package/swagger-ui.css "$$tmp"/package/LICENSE $(@D)/
