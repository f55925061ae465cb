#!/usr/bin/env bash
# Makes sure Debian's Jupyter stack that the tests drive is installed (it runs on /usr/bin/python3),
# with the Chromium the browser tests (test/browser/) drive headless:
# installs what is missing with apt-get when root (or with sudo), else says what to install.
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(jupyter-client python3-jupyter-client jupyter-server python3-nbclient python3-nbconvert
  python3-jupyter-kernel-test jupyter-console python3-ipykernel tmux jupyter-notebook chromium)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

command -v apt-get >/dev/null || { echo "jupyter-stack: no apt-get here; install ${missing[*]} (Debian names) by hand" >&2; exit 1; }
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "jupyter-stack: not root and no sudo: install ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo -n)
fi
echo "jupyter-stack: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq </dev/null || { echo "jupyter-stack: apt-get update failed" >&2; exit 1; }
"${SUDO[@]}" apt-get install -y -qq "${PACKAGES[@]}" </dev/null || { echo "jupyter-stack: apt-get install failed" >&2; exit 1; }
