#!/usr/bin/env bash
# Drift detection: plan every environment (or those named) without taking the state lock, and
# report whether the real infrastructure still matches the code.
# Exit codes: 0 no drift, 2 drift in at least one environment, 1 a plan failed.
# Each environment's plan output is kept in environments/<env>/drift.txt (git-ignored).
set -euo pipefail

cd "$(dirname "$0")/.."
terraform="${TERRAFORM:-terraform}"

if [ "$#" -gt 0 ]; then
  environments=("$@")
else
  environments=()
  for dir in environments/*/; do
    environments+=("$(basename "$dir")")
  done
fi

status=0
for env in "${environments[@]}"; do
  dir="environments/${env}"
  if [ ! -d "$dir" ]; then
    echo "${env}: no such environment" >&2
    status=1
    continue
  fi
  code=0
  "$terraform" -chdir="$dir" init -input=false -no-color >/dev/null || code=$?
  if [ "$code" -eq 0 ]; then
    "$terraform" -chdir="$dir" plan -detailed-exitcode -lock=false -input=false -no-color >"${dir}/drift.txt" 2>&1 || code=$?
  fi
  case "$code" in
    0) echo "${env}: no drift" ;;
    2)
      echo "${env}: DRIFT (see ${dir}/drift.txt)"
      if [ "$status" -eq 0 ]; then status=2; fi
      ;;
    *)
      echo "${env}: plan failed (exit ${code}, see ${dir}/drift.txt)" >&2
      status=1
      ;;
  esac
done
exit "$status"
