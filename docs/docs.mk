# Documentation helpers, included by the top Makefile (which defines VENV, PY and `install`).
#
#   make preview   export examples/sample.svplan with the CLI, lay it out with LibreOffice and
#                  write one PNG per page to docs/preview/ (page-01.png, page-02.png, ...)
#
# Needs LibreOffice Writer and poppler-utils: `bash packaging/sysdeps.sh render` installs them.

SOFFICE ?= $(shell command -v soffice 2>/dev/null || command -v libreoffice 2>/dev/null)
PREVIEW_PLAN ?= examples/sample.svplan
PREVIEW_DIR := docs/preview
PREVIEW_BUILD := build/demo
PREVIEW_DPI ?= 60
# A private LibreOffice profile, so a running LibreOffice or a parallel build does not clash.
PREVIEW_PROFILE := $(CURDIR)/build/lo-profile

preview: install
	@test -n "$(SOFFICE)" || { echo "make preview: LibreOffice is missing (bash packaging/sysdeps.sh render)" >&2; exit 1; }
	@command -v pdftoppm >/dev/null || { echo "make preview: pdftoppm is missing (bash packaging/sysdeps.sh render)" >&2; exit 1; }
	@mkdir -p $(PREVIEW_BUILD) $(PREVIEW_DIR)
	$(VENV)/bin/svplan export $(PREVIEW_PLAN) -o $(PREVIEW_BUILD)/sample.docx
	@rm -f $(PREVIEW_BUILD)/sample.pdf $(PREVIEW_BUILD)/page-*.png
	"$(SOFFICE)" -env:UserInstallation=file://$(PREVIEW_PROFILE) --headless --norestore \
		--convert-to pdf --outdir $(PREVIEW_BUILD) $(PREVIEW_BUILD)/sample.docx >/dev/null
	@test -s $(PREVIEW_BUILD)/sample.pdf || { echo "make preview: LibreOffice wrote no PDF" >&2; exit 1; }
	pdftoppm -r $(PREVIEW_DPI) -png $(PREVIEW_BUILD)/sample.pdf $(PREVIEW_BUILD)/page
	@rm -f $(PREVIEW_DIR)/page-*.png
	@n=0; for f in $$(ls $(PREVIEW_BUILD)/page-*.png | sort -V); do \
		n=$$((n + 1)); mv "$$f" "$(PREVIEW_DIR)/$$(printf 'page-%02d.png' $$n)"; \
	done; echo "preview: $$n pages in $(PREVIEW_DIR)/ (PDF: $(PREVIEW_BUILD)/sample.pdf)"

# make screenshots: the real window under Xvfb with the sample plan, PNGs into docs/screenshots/.
# Needs Xvfb (bash packaging/sysdeps.sh xvfb). SCREENSHOT_SCALE=1.5 for a 150% look (not committed).
SCREENSHOT_DIR ?= docs/screenshots
SCREENSHOT_SCALE ?= 1

# Also a laptop's 1366x768 screen and 150% scaling on a 1920x1080 one (issue 13): look at them.
SHOTS_RUN := env -u QT_QPA_PLATFORM QT_QPA_PLATFORM=xcb

screenshots: install
	@command -v xvfb-run >/dev/null || { echo "make screenshots: Xvfb is missing (bash packaging/sysdeps.sh xvfb)" >&2; exit 1; }
	$(SHOTS_RUN) QT_SCALE_FACTOR=$(SCREENSHOT_SCALE) \
		xvfb-run -a -s "-screen 0 1920x1200x24 -dpi 96" $(PY) docs/screenshots.py $(SCREENSHOT_DIR)
	$(SHOTS_RUN) QT_SCALE_FACTOR=1 xvfb-run -a -s "-screen 0 1366x768x24 -dpi 96" \
		$(PY) docs/screenshots.py $(SCREENSHOT_DIR) --size 1366x740 --suffix=-1366x768 \
		--only start-page,main-window
	$(SHOTS_RUN) QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1920x1080x24 -dpi 96" \
		$(PY) docs/screenshots.py $(SCREENSHOT_DIR) --size 1280x690 --suffix=-150 \
		--only main-window,bid-details
