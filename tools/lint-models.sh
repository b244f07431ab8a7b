#!/usr/bin/env bash
# lint-models.sh — lint every BPMN and DMN with the rule sets Camunda Modeler uses, for each Camunda
# version the models must deploy on (8.8, the oldest a merchant runs, and 8.10, the newest).
#
#   tools/lint-models.sh            (CAMUNDA_VERSIONS="8.8 8.10" by default)
#
# The linters are npm packages at pinned versions, installed once into a cache directory
# (MODEL_TOOLS_CACHE, default ~/.cache/aftersales-model-tools). Needs node >= 18 and npm.
# Exit status: 0 clean, 1 lint errors, 2 setup problem.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSIONS="${CAMUNDA_VERSIONS:-8.8 8.10}"
CACHE="${MODEL_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/aftersales-model-tools}"

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "lint-models: node and npm are required (Debian: apt-get install nodejs npm)" >&2; exit 2; }
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] \
  || { echo "lint-models: node >= 18 required, found $(node -v)" >&2; exit 2; }

PACKAGE='{ "private": true, "dependencies": {
  "bpmnlint": "11.15.0", "bpmnlint-plugin-camunda-compat": "2.61.0", "zeebe-bpmn-moddle": "2.0.0", "dmnlint": "0.2.0" } }'
mkdir -p "$CACHE"
if [ "$(cat "$CACHE/package.json" 2>/dev/null)" != "$PACKAGE" ] || [ ! -f "$CACHE/node_modules/.installed" ]; then
  echo "lint-models: installing pinned linters into $CACHE"
  printf '%s' "$PACKAGE" > "$CACHE/package.json"
  (cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error >"$CACHE/npm-install.log" 2>&1) \
    || { echo "lint-models: npm install failed, see $CACHE/npm-install.log" >&2; exit 2; }
  touch "$CACHE/node_modules/.installed"
fi

mapfile -t BPMN < <(find "$ROOT/bpmn" -name '*.bpmn' | sort)
mapfile -t DMN < <(find "$ROOT/bpmn" -name '*.dmn' | sort)
[ "${#BPMN[@]}" -gt 0 ] || { echo "lint-models: no BPMN under $ROOT/bpmn" >&2; exit 1; }

status=0
for version in $VERSIONS; do
  config="$CACHE/bpmnlintrc-$version.json"
  cat > "$config" <<JSON
{ "extends": [ "bpmnlint:correctness", "plugin:camunda-compat/camunda-cloud-${version/./-}" ],
  "moddleExtensions": { "zeebe": "zeebe-bpmn-moddle/resources/zeebe.json" } }
JSON
  if (cd "$CACHE" && node node_modules/bpmnlint/bin/bpmnlint.js --config "$config" "${BPMN[@]}"); then
    echo "lint-models: ${#BPMN[@]} BPMN file(s) clean for Camunda $version"
  else
    echo "lint-models: BPMN lint errors for Camunda $version" >&2; status=1
  fi
done
if [ "${#DMN[@]}" -gt 0 ]; then
  echo '{ "extends": "dmnlint:recommended" }' > "$CACHE/dmnlintrc.json"
  if (cd "$CACHE" && node node_modules/dmnlint/bin/dmnlint.js --config "$CACHE/dmnlintrc.json" "${DMN[@]}"); then
    echo "lint-models: ${#DMN[@]} DMN file(s) clean"
  else
    echo "lint-models: DMN lint errors" >&2; status=1
  fi
fi
exit $status
