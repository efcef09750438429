#!/usr/bin/env bash
# Install the system libraries a part of svplan needs, on Debian/Ubuntu as root.
# Elsewhere, print the exact command instead of failing obscurely.
#   sysdeps.sh qt        Qt runtime libraries for PySide6 (the app and the GUI tests)
#   sysdeps.sh render    LibreOffice Writer and Calc, poppler-utils (.docx/.xlsx to PDF/PNG)
#   sysdeps.sh xvfb      Xvfb (screenshots of the real window)
#   sysdeps.sh installer nsis, p7zip-full, wine64 (building and checking the Windows installer)
#   sysdeps.sh gui-check Xvfb, xwininfo, Liberation Sans (make installer-gui-check: the
#                        installed app's window under wine; the qt group takes the screenshot)
set -euo pipefail

declare -A PACKAGES=(
  [qt]="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 fonts-dejavu-core"
  [render]="libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-liberation2 fonts-dejavu-core"
  [xvfb]="xvfb xauth"
  [installer]="nsis p7zip-full wine64 file"
  [gui-check]="xvfb xauth x11-utils fonts-liberation2"
)

want=()
for group in "$@"; do
  [[ -n "${PACKAGES[$group]:-}" ]] || { echo "sysdeps.sh: unknown group '$group'" >&2; exit 2; }
  read -r -a pkgs <<<"${PACKAGES[$group]}"
  want+=("${pkgs[@]}")
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "svplan: not a Debian/Ubuntu system; install the equivalents of: ${want[*]}" >&2
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "System packages for $*: all installed (${#want[@]} checked)."
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "svplan: missing system packages. Run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages for $*: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "Installed: ${missing[*]}"
