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
