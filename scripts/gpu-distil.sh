#!/usr/bin/env bash
# The distillation recipe on a lent GPU machine, in three device calls (docs/training.md, "On a GPU").
#
#   scripts/gpu-distil.sh prepare   here, on CPU: FER2013 train+val -> runs/gpu/fer2013-0{0,1,2}.npz
#                                   (each shard fits one call's transfer beside the repo)
#   scripts/gpu-distil.sh upload    there: checks which shards have arrived (calls 1 and 2 carry one each)
#   scripts/gpu-distil.sh run       there (call 3 carries the last shard): the whole recipe within
#                                   BUDGET_MIN minutes, then the ONNX, card, student and logs into $OUT
#
# Environment: BUDGET_MIN (default 5.5), DEVICE (default cuda), TEACHERS (space-separated ARCH[@SIZE][:SEED];
# default: the recipe's three), PY (default python3; .venv/bin/python for prepare), DATA (FER2013 folders or
# their .npz, for prepare; default ../shared/data/fer2013), SHARD_MB (default 28: 3 shards beside a 33 MiB
# repo under the 64 MiB a call carries; 20 gives 4), N_SHARDS (what run expects, default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
SHARDS=${SHARDS:-runs/gpu}
RUN=${RUN:-runs/gpu-distil}
BUDGET_MIN=${BUDGET_MIN:-5.5}

case "${1:-}" in
prepare)
  "${PY:-.venv/bin/python}" - "${DATA:-../shared/data/fer2013}" "$SHARDS" "${SHARD_MB:-28}" <<'EOF'
import sys
from pathlib import Path

from moodify.training.face.data import load_dataset, load_npz, save_npz

data = Path(sys.argv[1])
splits = load_npz(data) if data.suffix == ".npz" else load_dataset(data)
splits.pop("test", None)  # the test metrics are computed back here, on the returned student (export-model)
for path in save_npz(splits, Path(sys.argv[2]) / "fer2013.npz", shard_mb=float(sys.argv[3])):
    print(path, f"{path.stat().st_size / 2**20:.1f} MiB")
EOF
  ;;
upload)
  ls -l "$SHARDS"
  ;;
run)
  n=$(ls "$SHARDS"/fer2013-*.npz 2>/dev/null | wc -l)
  [ "$n" -eq "${N_SHARDS:-3}" ] || { echo "expected ${N_SHARDS:-3} shards in $SHARDS, found $n: carry the missing ones first" >&2; exit 2; }
  nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
  args=(--data "$SHARDS" --out "$RUN" --budget-min "$BUDGET_MIN" --device "${DEVICE:-cuda}")
  for t in ${TEACHERS:-}; do args+=(--teacher "$t"); done
  # The recipe keeps to its budget; the timeout is only a backstop that still leaves the logs to copy.
  status=0
  backstop=$(awk -v m="$BUDGET_MIN" 'BEGIN { printf "%d", m * 60 + 90 }')
  timeout "$backstop" "${PY:-python3}" -m moodify.training.face.recipe "${args[@]}" || status=$?
  out=${OUT:-runs/gpu-out}
  mkdir -p "$out/student"
  for f in emotion.onnx emotion.json emotion.md; do cp "$RUN/model/$f" "$out/" 2>/dev/null || true; done
  cp "$RUN/student/best.pt" "$RUN/student/summary.json" "$out/student/" 2>/dev/null || true
  cp "$RUN/result.json" "$out/" 2>/dev/null || true
  tar czf "$out/logs.tar.gz" --exclude='*.pt' --exclude='*.npz' --exclude=model -C "$(dirname "$RUN")" "$(basename "$RUN")"
  echo "recipe exit status $status"
  exit "$status"
  ;;
*)
  sed -n '2,15p' "$0"
  exit 2
  ;;
esac
