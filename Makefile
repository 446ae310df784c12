# Guichet — every target installs what it needs on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= .demo/guichet-demo.sqlite3
SCREEN := -screen 0 1440x900x24
# Debian packages for a real Qt window (xcb), screenshots under Xvfb, PDF to PNG and the PDF
# checks of the tests (poppler-utils, qpdf), and the PostgreSQL server the portability tests
# start (on a private socket) for themselves; binutils for PyInstaller's objdump (make bundle).
APT_PACKAGES := xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-cursor0 \
	libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
	fonts-dejavu-core poppler-utils qpdf postgresql libreoffice-calc-nogui binutils \
	at-spi2-core dbus dbus-x11 python3-pyatspi

.PHONY: run run-team test lint layers pytest bench screenshots system-deps install demo clean bundle a11y

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) system-deps

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installation des paquets système : $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Paquets système manquants (à installer avec apt-get) : $$missing"; \
	fi

run: install
	$(BIN)/guichet --db $(DEMO_DB) --demo

# The app on a private PostgreSQL server in .pg/ (Unix socket only), with the demo data:
# what a team's desks share. Run it twice for two windows on one database.
run-team: install
	$(BIN)/python -m tools.run_team

demo: install
	$(BIN)/guichet --db $(DEMO_DB) demo

lint: $(STAMP)
	$(BIN)/ruff check guichet tests bench tools setup.py
	$(BIN)/ruff format --check guichet tests bench tools setup.py
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: install
	$(BIN)/python -m pytest

test: lint layers pytest

bench: install
	@for f in bench/*.py; do echo "== $$f"; xvfb-run -a -s "$(SCREEN)" $(BIN)/python $$f || exit 1; done

# One Xvfb per screen size the desk must fit: the window fills the screen, dialogs stay inside it.
SCREENSHOT_SIZES := 1280x800 1366x768
screenshots: install
	@for size in $(SCREENSHOT_SIZES); do \
		xvfb-run -a -s "-screen 0 $${size}x24" $(BIN)/python -m tools.screenshots --out docs/screenshots || exit 1; \
	done
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m tools.screenshots --out docs/screenshots --scale 150

# The frozen one-folder application (PyInstaller, packaging/guichet.spec), then its smoke test
# from a folder outside the repository (docs/PACKAGING.md). Not part of `make test`: minutes.
BUNDLE := build/bundle
BUNDLE_STAMP := $(VENV)/.bundle-installed
$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bundle]'
	touch $(BUNDLE_STAMP)

bundle: install $(BUNDLE_STAMP)
	rm -rf $(BUNDLE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath $(BUNDLE)/dist \
		--workpath $(BUNDLE)/work packaging/guichet.spec
	$(BIN)/python -m tools.bundle_smoke $(BUNDLE)/dist/guichet

# Nouvelle demande as a screen reader sees it over AT-SPI (role + name of each field).
a11y: install
	xvfb-run -a dbus-run-session -- tools/a11y/run.sh $(BIN)/python

clean:
	rm -rf $(VENV) .demo .pg build *.egg-info .mypy_cache .ruff_cache
