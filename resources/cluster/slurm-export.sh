#!/bin/bash
# Sharded export of a corrected corpus as a Slurm job array, then the merge.
# Submit from the login node:
#   ID=$(sbatch --parsable --array=1-16 slurm-export.sh corpus.scw /shared/corrected)
#   sbatch --dependency=afterok:$ID --wrap "scw export-merge /shared/corrected"
# Every task exports the files of its shard (split by output path, the same on every node) into
# the shared output folder and writes a partial manifest there; export-merge joins them into the
# manifest.csv and scw-export.json a one-machine export would have written. A task that fails or
# is killed resumes where it stopped when resubmitted (`sbatch --array=<i> …`).
#SBATCH --job-name=scw-export
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=02:00:00
set -euo pipefail
PROJECT=$1 # the analysed project with its current estimate (on the shared filesystem)
OUT=$2     # the export folder, on the shared filesystem
N=${SLURM_ARRAY_TASK_COUNT}
I=${SLURM_ARRAY_TASK_ID}
# SQLite over NFS is unsafe: each task works on a node-local copy. Keep the file name: the
# export's record names the project by it.
LOCAL=${TMPDIR:-/tmp}/scw-export-${SLURM_ARRAY_JOB_ID}-${I}
mkdir -p "$LOCAL"
cp "$PROJECT" "$LOCAL/"
# A fixed gain (not --gain auto: a shard sees only its own files' peaks).
scw export "$LOCAL/$(basename "$PROJECT")" "$OUT" --method fir --gain 0 \
  --workers "${SLURM_CPUS_PER_TASK}" --shard "$I/$N" --json
rm -rf "$LOCAL"
