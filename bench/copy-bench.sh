#!/usr/bin/env bash
# Gather-copy throughput (ChannelCopier copying a file region by region) against cp of the same file, on each JDK
# and on each filesystem (the local one, and a loop-mounted XFS with reflinks when run as root), written to
# BENCHMARKS.md at the repository root.
#
# Usage: bench/copy-bench.sh [--quick] [--no-xfs]
#   --quick   256 MiB file, 1 warm-up and 3 measured copies per case (default: 1 GiB, 1 and 5)
#   --no-xfs  only the local filesystem
# Environment: BENCH_JDKS  JDK homes to run on (default: JDK 17 and Temurin 25 under /usr/lib/jvm)
#              BENCH_TMP   folder on the local filesystem for the files (default: /var/tmp)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
quick=0
xfs=1
for arg in "$@"; do
	case $arg in
		--quick) quick=1 ;;
		--no-xfs) xfs=0 ;;
		-h | --help) sed -n '2,10p' "$0"; exit 0 ;;
		*) echo "unknown option: $arg" >&2; exit 2 ;;
	esac
done

if ((quick)); then
	size=$((256 << 20))
	iterations=(-wi 1 -i 3)
else
	size=$((1 << 30))
	iterations=(-wi 1 -i 5)
fi

jdks=()
for home in ${BENCH_JDKS:-/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64}; do
	if [[ -x $home/bin/java ]]; then
		jdks+=("$home")
	else
		echo "skipping $home: no java there" >&2
	fi
done
if ((${#jdks[@]} == 0)); then
	jdks+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
	echo "no listed JDK found; running on ${jdks[0]} only" >&2
fi

work=$(mktemp -d "${BENCH_TMP:-/var/tmp}/gathercopy-bench.XXXXXX")
mountpoint=
cleanup() {
	if [[ -n $mountpoint ]] && mountpoint -q "$mountpoint"; then
		umount "$mountpoint"
	fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "building the benchmarks" >&2
(cd "$repo" && mvn -B -q -Pbench -pl storage-service -am -DskipTests process-test-classes)
module=$repo/storage-service
classpath=$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")

filesystems=("local:$work/local")
results=$module/target/bench-results
rm -rf "$results"
mkdir -p "$work/local" "$results"
if ((xfs)); then
	if ((EUID != 0)); then
		echo "skipping XFS: mounting a loop image needs root" >&2
	elif ! command -v mkfs.xfs > /dev/null && ! (apt-get update -qq && apt-get install -y -qq xfsprogs) > /dev/null 2>&1; then
		echo "skipping XFS: no mkfs.xfs and xfsprogs would not install" >&2
	else
		truncate -s 4G "$work/xfs.img"
		mkfs.xfs -q -m reflink=1 "$work/xfs.img"
		mkdir "$work/xfs"
		if mount -o loop "$work/xfs.img" "$work/xfs"; then
			mountpoint=$work/xfs
			filesystems+=("xfs:$work/xfs")
		else
			echo "skipping XFS: the loop mount failed" >&2
		fi
	fi
fi

# Runs one JMH set on the current JDK and filesystem ($jdk, $name, $type, $version, $dir, $prefix).
jmh() {
	local set=$1
	shift
	echo "$name ($type), JDK $version: $set" >&2
	"$jdk/bin/java" -cp "$classpath" org.openjdk.jmh.Main "$@" "${iterations[@]}" \
		-jvmArgsAppend "-Dbench.dir=$dir -Dbench.size=$size" \
		-rf csv -rff "$prefix.$set.csv" > "$prefix.$set.log"
}

started=$SECONDS
runs=0
for entry in "${filesystems[@]}"; do
	name=${entry%%:*}
	dir=${entry#*:}
	type=$(findmnt -n -o FSTYPE --target "$dir" 2> /dev/null || stat -f -c %T "$dir")
	for jdk in "${jdks[@]}"; do
		version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 \
			| awk -F' = ' '$1 ~ /^ *java\.version$/ {print $2; exit}')
		runs=$((runs + 1))
		prefix=$results/run$runs
		printf '%s\t%s\t%s\n' "$name" "$type" "$version" > "$prefix.meta"
		jmh sequential 'CopyBenchmark\.' -p order=sequential
		jmh shuffled 'CopyBenchmark\.channelCopier' -p order=shuffled -p alignment=congruent \
			-p region=4096,65536,1048576
		jmh threshold 'CopyBenchmark\.channelCopier' -p order=sequential -p alignment=congruent \
			-p region=4096,16384,65536,262144 -p threshold=1,9223372036854775807
		rm -f "$dir"/source-* "$dir"/target
	done
done
elapsed=$((SECONDS - started))

# One line per case, from the JMH logs: filesystem, fs type, JDK, benchmark, alignment, order, cp reflink, region,
# threshold, then the median, lowest and highest of the measured copies in ms, and their count.
for log in "$results"/*.log; do
	IFS=$'\t' read -r name type version < "${log%.*.log}.meta"
	awk -v fs="$name" -v type="$type" -v jdk="$version" '
		function flush(    i, j, t, median) {
			if (count == 0) return
			for (i = 2; i <= count; i++)
				for (j = i; j > 1 && ms[j - 1] > ms[j]; j--) { t = ms[j]; ms[j] = ms[j - 1]; ms[j - 1] = t }
			median = (count % 2) ? ms[(count + 1) / 2] : (ms[count / 2] + ms[count / 2 + 1]) / 2
			printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", fs, type, jdk, bench, param["alignment"],
				param["order"], param["reflink"], param["region"], param["threshold"], median, ms[1], ms[count], count
			count = 0
		}
		/^# Benchmark: / { flush(); n = split($3, parts, "."); bench = parts[n] }
		/^# Parameters: / {
			split("alignment order reflink region threshold", names, " ")
			for (i in names) param[names[i]] = "-"
			line = $0
			sub(/^# Parameters: \(/, "", line); sub(/\)$/, "", line)
			n = split(line, pairs, ", ")
			for (i = 1; i <= n; i++) { split(pairs[i], kv, " = "); param[kv[1]] = kv[2] }
		}
		/^Iteration +[0-9]+: / { ms[++count] = $3 }
		END { flush() }
	' "$log"
done > "$work/scores.tsv"

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
memory=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
if ((quick)); then
	mode="quick: 256 MiB file, 1 warm-up and 3 measured copies per case"
else
	mode="full: 1 GiB file, 1 warm-up and 5 measured copies per case"
fi
xfs_note=
if [[ -n $mountpoint ]]; then
	xfs_note="; xfs = a 4 GiB image on the local disk, made with \`mkfs.xfs -m reflink=1\` and loop-mounted"
fi

# Tables from scores.tsv; MB/s = 10^6 bytes per second of the file's size.
report() {
	awk -F'\t' -v size="$size" -v table="$1" '
		function rate(ms) { return size / 1e6 / (ms / 1000) }
		function mbs(ms) { return sprintf("%.0f MB/s", rate(ms)) }
		function name(region) {
			if (region == "whole") return "whole file"
			return (region + 0 >= 1048576) ? region / 1048576 " MiB" : region / 1024 " KiB"
		}
		{
			run = $1 " (" $2 ")\t" $3
			if (!(run in seen)) { seen[run] = 1; runs[++count] = run }
			if ($4 == "cp") { cp[run, $7] = $10; next }
			score[run, $8, $6, $5, $9] = $10
		}
		function copier(run, region, order, alignment, threshold,    r) {
			if (!((run, region, order, alignment, threshold) in score)) return "-"
			r = rate(score[run, region, order, alignment, threshold])
			return sprintf("%.0f MB/s · %.2f×", r, r / rate(cp[run, "never"]))
		}
		END {
			if (table == "main") {
				print "| filesystem | JDK | regions | sequential, congruent | sequential, shifted | shuffled, congruent | sequential, congruent ÷ plain `cp` |"
				print "| --- | --- | --- | --- | --- | --- | --- |"
				split("4096 65536 1048576 whole", regions, " ")
				for (i = 1; i <= count; i++) {
					run = runs[i]; split(run, key, "\t")
					for (j = 1; j <= 4; j++) {
						region = regions[j]
						own = (run, region, "sequential", "congruent", "65536") in score \
							? sprintf("%.2f×", rate(score[run, region, "sequential", "congruent", "65536"]) / rate(cp[run, "default"])) : "-"
						printf "| %s | %s | %s | %s | %s | %s | %s |\n", key[1], key[2], name(region),
							copier(run, region, "sequential", "congruent", "65536"),
							copier(run, region, "sequential", "shifted", "65536"),
							copier(run, region, "shuffled", "congruent", "65536"), own
					}
					printf "| %s | %s | `cp --reflink=never` | %s | | | |\n", key[1], key[2], mbs(cp[run, "never"])
					printf "| %s | %s | `cp` (default, reflink=auto) | %s | | | |\n", key[1], key[2], mbs(cp[run, "default"])
				}
			}
			else {
				print "| filesystem | JDK | regions | all through the buffer | all through the kernel | kernel ÷ buffer | path the 64 KiB threshold takes |"
				print "| --- | --- | --- | --- | --- | --- | --- |"
				split("4096 16384 65536 262144", regions, " ")
				for (i = 1; i <= count; i++) {
					run = runs[i]; split(run, key, "\t")
					for (j = 1; j <= 4; j++) {
						region = regions[j]
						buffer = score[run, region, "sequential", "congruent", "9223372036854775807"]
						kernel = score[run, region, "sequential", "congruent", "1"]
						if (buffer == "" || kernel == "") continue
						printf "| %s | %s | %s | %s | %s | %.2f× | %s |\n", key[1], key[2], name(region), mbs(buffer),
							mbs(kernel), rate(kernel) / rate(buffer), (region + 0 < 65536) ? "buffer" : "kernel"
					}
				}
			}
		}
	' "$work/scores.tsv"
}

{
	echo "# Benchmarks"
	echo
	echo "Gather-copy runs \`ChannelCopier\`. This measures it copying a whole file into a new, empty file region by region"
	echo "(one copier for all the regions, as in one request) against \`cp\` copying the same file in the same run."
	echo "Written by \`bench/copy-bench.sh\` ($mode), which replaces this file; the JMH benchmark is"
	echo "\`storage-service/src/jmh/java/dev/gathercopy/storage/bench/CopyBenchmark.java\`."
	echo
	echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $elapsed s of benchmarks."
	echo "- Machine: $cpu, $(nproc) cores, $memory of memory; kernel $(uname -r); $(cp --version | head -1)."
	echo "- JDKs: $(for jdk in "${jdks[@]}"; do "$jdk/bin/java" -version 2>&1 | head -1; done | paste -sd ';' | sed 's/;/; /g')."
	echo "- Filesystems: local = a folder under ${BENCH_TMP:-/var/tmp}$xfs_note."
	echo "- Page cache: warm. The source is written once, fsynced and read whole before each JMH trial. Every copy goes to a"
	echo "  file that does not exist yet; before each copy the last one is deleted and \`sync -f\` settles the filesystem,"
	echo "  untimed. No fsync is timed, for the copier or for \`cp\`."
	echo "- JMH single-shot time of one whole-file copy, one fork per case; figures are the median of the measured copies"
	echo "  (the noise below makes means misleading); MB/s = 10^6 bytes of the file per second."
	echo "  Ratios (×) are over \`cp --reflink=never\` in the same run (above 1: faster than cp); the last column is over plain"
	echo "  \`cp\`, which reflinks where the filesystem can."
	echo "- Regions: *congruent* = each region lands at its own offset (so the copier sends 4 KiB-aligned blocks through"
	echo "  the kernel); *shifted* = one byte further (no block aligned with the source); *shuffled* = the congruent regions"
	echo "  in a fixed random order. Ranges of 64 KiB and more go through the kernel (\`transferTo\`), smaller ones through"
	echo "  the 1 MiB buffer."
	echo "- The machine's 2 cores and its disk were shared with another engineer's builds during the run, so single copies"
	echo "  now and then took several times longer; the ranges are in the raw scores at the end."
	echo
	echo "## Gather-copy against cp"
	echo
	report main
	echo
	echo "## Buffer or kernel at the same region size"
	echo
	echo "The same sequential, congruent copies with the kernel threshold forced to 1 byte (every region through"
	echo "\`transferTo\`) or to Long.MAX_VALUE (every region through the buffer)."
	echo
	report threshold
	echo
	echo "## Raw scores"
	echo
	echo "Milliseconds per whole-file copy: median, lowest and highest of the measured copies. JMH's own CSV files and logs"
	echo "are left in \`storage-service/target/bench-results/\` after a run."
	echo
	echo "| filesystem | JDK | benchmark | regions | order | alignment | threshold | cp reflink | median ms | range ms | copies |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	sort -t$'\t' -k1,1 -k3,3V -k4,4 -k9,9 -k6,6 -k5,5 -k8,8n "$work/scores.tsv" | awk -F'\t' '{
		printf "| %s (%s) | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f–%.1f | %d |\n", $1, $2, $3, $4, $8, $6, $5, $9, $7,
			$10, $11, $12, $13
	}'
	cat "$repo/bench/planning.md"
} > "$repo/BENCHMARKS.md"

echo "wrote $repo/BENCHMARKS.md ($elapsed s of benchmarks)" >&2
