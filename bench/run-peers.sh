#!/usr/bin/env bash
# Gathercopy against its peers (rsync, xdelta3, rdiff, a full upload, cp + sync): bytes on the wire and wall time of
# real updates of a large file, on the default filesystem and on XFS with reflinks. Not part of CI or `mvn verify`.
#
#   bench/run-peers.sh [--quick] [--size-mib N] [--runs N] [--fs default|xfs|both] [--scenarios S1,S2,..]
#                      [--tools a,b,..] [--work DIR] [--keep-work] [--append] [--report-only]
#
#   --quick        256 MiB base file, 3 runs (default: 1 GiB, 3 runs; results go under the mode "quick" or "full")
#   --fs           which filesystem(s) to run on (default both; XFS needs root, for a loop-mounted image)
#   --work DIR     client-side folder for the test pairs, agent workspaces and logs (default /var/tmp/gathercopy-peers)
#   --append       add to the raw results of this mode instead of starting them anew (to fill in a scenario)
#   --report-only  only rebuild bench/RESULTS.md, the CSV files and the plots from bench/results/*.jsonl
#
# Writes bench/results/<mode>-<fs>.jsonl (one line per run), then bench/results/<mode>.csv, bench/peers-<mode>.png
# and bench/RESULTS.md. As root it installs what it needs from Debian (rsync xdelta3 rdiff xfsprogs gnuplot-nox).
# Everything it starts (services, rsync daemon, proxies) is stopped, and the XFS image unmounted and deleted, on exit.
set -euo pipefail
script=$(readlink -f "$0")
cd "$(dirname "$script")/.."
repo=$(pwd)

size_mib=1024 runs=3 mode=full fs=both scenarios="" tools="" work=/var/tmp/gathercopy-peers keep_work=false
report_only=false append=false
while [ $# -gt 0 ]; do
	case $1 in
		--quick) size_mib=256 mode=quick ;;
		--size-mib) size_mib=$2 mode=size-${2}m; shift ;;
		--runs) runs=$2; shift ;;
		--fs) fs=$2; shift ;;
		--scenarios) scenarios=$2; shift ;;
		--tools) tools=$2; shift ;;
		--work) work=$2; shift ;;
		--keep-work) keep_work=true ;;
		--append) append=true ;;
		--report-only) report_only=true ;;
		-h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$script"; exit 0 ;;
		*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
export PYTHONPATH=$repo/bench

report() {
	python3 -m peerbench.report --results "$repo/bench/results" --out "$repo/bench"
}
if $report_only; then report; exit 0; fi

# --- tools -------------------------------------------------------------------------------------------------------
missing=()
for tool in rsync xdelta3 rdiff curl gnuplot mkfs.xfs; do
	command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "Installing from Debian: rsync xdelta3 rdiff xfsprogs gnuplot-nox curl (missing: ${missing[*]})"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync xdelta3 rdiff xfsprogs gnuplot-nox curl > /dev/null
	else
		echo "Missing: ${missing[*]}; install rsync xdelta3 rdiff xfsprogs gnuplot-nox curl (or run as root)." >&2
		for tool in rsync xdelta3 rdiff curl; do command -v "$tool" > /dev/null || exit 1; done
	fi
fi

# --- the jars, on the newest JDK (25 where present: copy_file_range, so reflinks on XFS, needs JDK 20+) -----------
. scripts/java-home.sh
export BENCH_JAVA=$(command -v java)
storage_jar=storage-service/target/storage-service-0.1.0-SNAPSHOT.jar
agent_jar=agent-service/target/agent-service-0.1.0-SNAPSHOT.jar
for module in storage-service agent-service; do
	jar=$module/target/$module-0.1.0-SNAPSHOT.jar
	if [ ! -f "$jar" ] || [ -n "$(find "$module/src/main" "$module/pom.xml" pom.xml -newer "$jar" -print -quit)" ]; then
		echo "Building the jars..."
		mvn -B -q package -DskipTests
		break
	fi
done

# --- cleanup of whatever this script set up ------------------------------------------------------------------------
mkdir -p "$work" bench/results
xfs_image=$work/xfs.img
xfs_mount=$work/xfs-mnt
child=""
cleanup() {
	if [ -n "$child" ]; then kill "$child" 2>/dev/null && wait "$child" 2>/dev/null || true; fi
	if mountpoint -q "$xfs_mount" 2>/dev/null; then umount "$xfs_mount" || umount -l "$xfs_mount"; fi
	rm -rf "$xfs_mount" "$xfs_image"
	$keep_work || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

run_on() { # label target-root
	local out=bench/results/$mode-$1.jsonl
	$append || rm -f "$out"
	echo "=== $mode on $1: $2 ($size_mib MiB, $runs runs) ==="
	python3 -m peerbench.run --mode "$mode" --fs-label "$1" --target-root "$2" --work "$work" --out "$out" \
		--size-mib "$size_mib" --runs "$runs" --storage-jar "$storage_jar" --agent-jar "$agent_jar" \
		${scenarios:+--scenarios "$scenarios"} ${tools:+--tools "$tools"} &
	child=$!
	wait "$child"
	child=""
}

if [ "$fs" = default ] || [ "$fs" = both ]; then
	mkdir -p "$work/default-target"
	run_on default "$work/default-target"
	rm -rf "$work/default-target"
fi

if [ "$fs" = xfs ] || [ "$fs" = both ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "SKIPPED the XFS run: it needs root to loop-mount an XFS image (run this script as root)." >&2
	elif ! command -v mkfs.xfs > /dev/null; then
		echo "SKIPPED the XFS run: mkfs.xfs is missing (apt-get install xfsprogs)." >&2
	else
		# room for the storage file, a staged copy, the rsync target and its temporary file, peers' outputs (sparse)
		image_gib=$(( (size_mib * 16 + 1023) / 1024 )); [ "$image_gib" -lt 8 ] && image_gib=8
		rm -f "$xfs_image"; truncate -s "${image_gib}G" "$xfs_image"
		mkfs.xfs -q -f -m reflink=1 "$xfs_image"
		mkdir -p "$xfs_mount"
		if mount -o loop "$xfs_image" "$xfs_mount"; then
			run_on xfs "$xfs_mount"
			umount "$xfs_mount"
		else
			echo "SKIPPED the XFS run: the image could not be loop-mounted (no loop devices here?)." >&2
		fi
		rm -rf "$xfs_mount" "$xfs_image"
	fi
fi

report
echo "Results: bench/RESULTS.md, bench/results/, bench/peers-*.png"
