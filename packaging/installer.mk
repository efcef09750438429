# Windows installer, built and checked on Linux (included by the top Makefile).
#   make installer        dist/SocialValuePlanBuilder-<version>-setup.exe (pynsist + makensis)
#   make installer-check  inspects it and runs its Windows Python under wine (headless)
#   make installer-gui-check  installs it (setup.exe /S) under wine and Xvfb, starts the real
#                         window, screenshots it, self-tests and uninstalls (gui_check.py)
#   make wheel-check      the svplan wheel, installed non-editable in a fresh venv, self-tests
# Both install their Debian packages via packaging/sysdeps.sh (as root) and keep downloads in
# packaging/cache/. See docs/installer.md.

INSTALLER_BUILD := packaging/build
BUILD_VENV := $(INSTALLER_BUILD)/venv
BUILD_PY := $(BUILD_VENV)/bin/python
BUILD_STAMP := $(BUILD_VENV)/.installed
INSTALLER_ARGS ?=
INSTALLER_CHECK_ARGS ?=
INSTALLER_GUI_CHECK_ARGS ?=

.PHONY: installer installer-check installer-gui-check installer-sysdeps installer-clean wheel-check

installer-sysdeps:
	@bash packaging/sysdeps.sh installer

$(BUILD_STAMP): packaging/requirements-build.txt
	@echo "==> Build venv $(BUILD_VENV) (packaging/requirements-build.txt, hash-checked)"
	@test -x $(BUILD_PY) || $(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_PY) -m pip install --quiet --require-hashes -r packaging/requirements-build.txt
	@touch $@

installer: installer-sysdeps $(BUILD_STAMP)
	$(BUILD_PY) packaging/build_installer.py build $(INSTALLER_ARGS)

installer-check: installer-sysdeps install
	$(PY) packaging/check_installer.py $(INSTALLER_CHECK_ARGS)

# The screen is the wine desktop's size, so the screenshot is the desktop.
installer-gui-check: installer-sysdeps install
	@bash packaging/sysdeps.sh gui-check
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) packaging/gui_check.py $(INSTALLER_GUI_CHECK_ARGS)

# The svplan wheel installed non-editable in a fresh venv: --self-test, check, export.
wheel-check: $(BUILD_STAMP)
	$(BUILD_PY) packaging/check_wheel.py --python $(PYTHON)

installer-clean:
	rm -rf $(INSTALLER_BUILD) dist/SocialValuePlanBuilder-*-setup.exe*
