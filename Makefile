# framelab: every step a researcher needs is one of these targets (see README.md).
#   make report                          run every notebook on the seed corpus, export figures and reports/*.html
#   make report CORPUS=path OUT=dir      the same on another corpus, written under dir
#                                        (also CODEBOOK=file.yaml GROUP_BY=country PERIOD=year,
#                                         OUTLET_ALIASES=file.yaml LAYOUT=news JOIN_LINES=auto
#                                         FILENAME_PATTERN={country}_{session}_{year})
#   make test                            library tests + nbval over the committed notebooks
#   make lab                             JupyterLab on notebooks/ and reports/ with the project's kernel
#   make benchmark                       pipelines against their baselines (prints figures)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
STAMP := $(VENV)/.framelab-installed
# Find the project's kernel before any kernel of the same name in the user's home.
export JUPYTER_PATH := $(abspath $(VENV))/share/jupyter
# Sets print in hash order; a fixed seed keeps notebook outputs stable between runs.
export PYTHONHASHSEED := 0

.PHONY: help setup report test lab benchmark lock clean

help:
	@sed -n '2,9p' Makefile

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framelab needs Python 3.11 or newer: run make PYTHON=/path/to/python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name framelab --display-name "Python (framelab)" >/dev/null
	@# Build matplotlib's font cache now, not inside a notebook (where its notice would become output).
	$(BIN)/python -c "import matplotlib.font_manager"
	touch $(STAMP)

setup: $(STAMP)

# The options reach the runner through the environment, never through a shell command line: no
# quoting, expansion or word-splitting touches them ($(value ...) keeps a "$" as typed, and
# unexport stops make from expanding them for the recipe's environment).
unexport CORPUS OUT CODEBOOK GROUP_BY PERIOD OUTLET_ALIASES LAYOUT JOIN_LINES FILENAME_PATTERN JOBS
report: export FRAMELAB_REPORT_CORPUS := $(value CORPUS)
report: export FRAMELAB_REPORT_OUT := $(value OUT)
report: export FRAMELAB_REPORT_CODEBOOK := $(value CODEBOOK)
report: export FRAMELAB_REPORT_GROUP_BY := $(value GROUP_BY)
report: export FRAMELAB_REPORT_PERIOD := $(value PERIOD)
report: export FRAMELAB_REPORT_OUTLET_ALIASES := $(value OUTLET_ALIASES)
report: export FRAMELAB_REPORT_LAYOUT := $(value LAYOUT)
report: export FRAMELAB_REPORT_JOIN_LINES := $(value JOIN_LINES)
report: export FRAMELAB_REPORT_FILENAME_PATTERN := $(value FILENAME_PATTERN)
report: export FRAMELAB_REPORT_JOBS := $(value JOBS)
report: $(STAMP)
	$(BIN)/python -m framelab.notebooks

# Two test processes (pytest-xdist), each test file whole in one: a notebook's cells run in order in
# one kernel. TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= 2
# One BLAS/OpenMP thread per test process: two processes on two cores, not each spawning a thread per
# core (174 s -> 144 s here; results identical).
test: export OMP_NUM_THREADS := 1
test: export OPENBLAS_NUM_THREADS := 1
test: export MKL_NUM_THREADS := 1
# nbval re-runs the default run, which alone may write the committed figures/ (framelab.figures).
test: export FRAMELAB_COMMITTED_RUN := 1
# The number of workers reaches pytest-xdist through the environment (-n auto reads it), not a shell.
unexport TEST_WORKERS
test: export PYTEST_XDIST_AUTO_NUM_WORKERS := $(value TEST_WORKERS)
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

benchmark: $(STAMP)
	$(BIN)/python benchmarks/term_frequency.py
	$(BIN)/python benchmarks/sentiment.py
	$(BIN)/python benchmarks/un_pipeline.py
	$(BIN)/python benchmarks/slogan_everywhere.py
	$(BIN)/python benchmarks/report_ungdc.py

lab: $(STAMP)
	@echo "Notebooks: notebooks/ (05_explore.ipynb opens the explorer). Reports: reports/index.html, written by make report (in JupyterLab: right-click > Open in New Browser Tab)."
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Re-resolve the pinned versions (needs PyPI): a fresh venv, newest versions allowed by pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	{ echo "# Exact versions installed by make (pip -c). Regenerate with: make lock"; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable --all | grep -v '^\(pip\|setuptools\|wheel\)=='; } > $(CONSTRAINTS)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV)
