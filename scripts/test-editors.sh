#!/usr/bin/env bash
# The suites that need a real browser and a real VS Code, run by `npm test` after the unit tests:
#   - the browser suite (exports and the webview page in headless Chromium: screenshots, injection);
#   - the end-to-end suite (the VSIX installed into code-server, driven in Chromium; the web build
#     in the web worker extension host);
#   - the integration suite inside code-server's extension host, trusted and untrusted;
#   - the same integration suite through @vscode/test-electron, when a VS Code executable is named.
# It first installs what they need (scripts/e2e/setup.sh: Debian's Chromium and headers, Node 24
# and code-server from the npm registry; a no-op when already there). Where that cannot be done
# (not root, no apt), the suites are skipped and this says so plainly — except under CI, where
# a skipped suite is a failure. Each suite runs even when an earlier one fails; the exit code is 1
# when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ci=false
case "${CI:-}" in ''|0|false) ;; *) ci=true ;; esac

if ! bash scripts/e2e/setup.sh; then
  if $ci; then
    echo "editor suites: setup failed under CI (see above); nothing was tested in a browser or a real editor" >&2
    exit 1
  fi
  echo "editor suites skipped: Chromium and code-server could not be installed (run \`bash scripts/e2e/setup.sh\` as root); the unit tests above still ran"
  exit 0
fi

status=0
failed=()
step() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  if "$@"; then
    echo "[editor suites] $name passed in $(( $(date +%s) - t0 ))s"
  else
    echo "[editor suites] $name FAILED after $(( $(date +%s) - t0 ))s"
    status=1; failed+=("$name")
  fi
}
step "browser suite" npm run --silent test:browser
step "end-to-end suite" npm run --silent test:e2e
step "integration suite in code-server" npm run --silent test:integration:code-server
step "integration suite through @vscode/test-electron" npm run --silent test:integration
if ((status)); then echo "[editor suites] failed: ${failed[*]} — screenshots and logs in test-results/"; fi
exit $status
