"""Builds bench/RESULTS.md, bench/results/<mode>.csv and bench/peers-<mode>.png from the raw results.

python3 -m peerbench.report --results bench/results --out bench
Medians over the successful runs of each (mode, filesystem, scenario, tool). The hand-written analysis in
peerbench/analysis.md is included as it is.
"""

import argparse
import csv
import glob
import json
import os
import shutil
import statistics
import subprocess
import tempfile

from .run import TOOLS
from .scenarios import MIB, SCENARIOS

MODES = ["full", "quick"]  # the order of their sections; other modes (size-Nm) come after
FILESYSTEMS = ["default", "xfs"]
GC = ["gathercopy-edit", "gathercopy-diff", "gathercopy-edit-noverify"]
PEERS = ["full-upload", "rsync", "rsync-inplace", "xdelta3-0", "xdelta3", "xdelta3-9", "rdiff", "cp-sync"]
FIELDS = ["wire", "wire_up", "wire_down", "wall_s", "commit_s", "plan_s", "prepare_s", "server_copy_s", "server_commit_s",
          "server_requests_s", "literal_bytes", "reused_bytes", "region_count", "literal_count", "encode_s",
          "decode_s", "signature_s", "delta_s", "patch_s", "agent_duration_s", "agent_request_bytes"]


def load(results):
    runs, envs, ends = [], {}, {}
    for path in sorted(glob.glob(os.path.join(results, "*.jsonl"))):
        with open(path) as f:
            for line in f:
                entry = json.loads(line)
                key = (entry["mode"], entry["fs"])
                if entry["kind"] == "environment":
                    envs[key] = entry
                elif entry["kind"] == "end":
                    ends[key] = entry
                else:
                    runs.append(entry)
    return runs, envs, ends


def medians(runs):
    """{(mode, fs, scenario, tool): {field: median, "n": runs, "failed": count, "errors": [...]}}"""
    groups = {}
    for entry in runs:
        groups.setdefault((entry["mode"], entry["fs"], entry["scenario"], entry["tool"]), []).append(entry)
    table = {}
    for key, entries in groups.items():
        good = [e for e in entries if e.get("ok")]
        row = {"n": len(good), "failed": len(entries) - len(good),
               "errors": [e.get("error", "")[:300] for e in entries if not e.get("ok")]}
        for field in FIELDS:
            values = [e[field] for e in good if e.get(field) is not None]
            if values:
                row[field] = statistics.median(values)
        if good and "server_by_uri" in good[0]:
            row["server_push_s"] = statistics.median(sum(e["server_by_uri"].values()) for e in good)
        table[key] = row
    return table


def ordered_modes(runs):
    modes = {e["mode"] for e in runs}
    return [m for m in MODES if m in modes] + sorted(modes - set(MODES))


def human_bytes(n):
    if n is None:
        return "–"
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.2f} {unit}"
    return f"{n:.0f} B"


def seconds(s):
    if s is None:
        return "–"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    r = a / b
    if r >= 1000:
        return f"{r:,.0f}×"
    return f"{r:.3g}×" if r >= 0.01 else f"1/{b / a:,.0f}" if a else "0"


def write_csv(table, mode, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["mode", "fs", "scenario", "tool", "runs", "failed"] + FIELDS + ["server_push_s"])
        for (m, fs, scenario, tool), row in sorted(table.items()):
            if m == mode:
                writer.writerow([m, fs, scenario, tool, row["n"], row["failed"]] +
                                [row.get(field, "") for field in FIELDS + ["server_push_s"]])


# one colour per tool, in the order GC + PEERS: Gathercopy in purples and blues, peers in warm colours, cp in grey
COLORS = ["#5e3c99", "#1f78b4", "#a6cee3", "#e6ab02", "#d95f02", "#fdae61", "#e31a1c", "#fb9a99", "#b15928",
          "#33a02c", "#7f7f7f"]


def plot(table, mode, filesystems, path):
    """Wire bytes and wall time (both log scale) per scenario and tool, one column per filesystem, with gnuplot."""
    if not shutil.which("gnuplot"):
        print("gnuplot is missing: no plot")
        return False
    tools = GC + PEERS
    with tempfile.TemporaryDirectory() as tmp:
        script = [f"set terminal pngcairo size {900 * len(filesystems)},1000 font 'sans,10'",
                  f"set output '{path}'", f"set multiplot layout 2,{len(filesystems)} columnsfirst",
                  "set style data histogram", "set style histogram clustered gap 1", "set style fill solid 0.9",
                  "set logscale y", "set grid ytics", "set datafile missing '-'", "set key outside right top",
                  "set xtics nomirror"]
        for fs in filesystems:
            for field, label in (("wire", "bytes on the wire (both directions)"), ("wall_s", "wall time (s)")):
                data = os.path.join(tmp, f"{fs}-{field}.dat")
                with open(data, "w") as f:
                    for scenario in SCENARIOS:
                        values = []
                        for tool in tools:
                            value = table.get((mode, fs, scenario, tool), {}).get(field)
                            values.append("-" if not value else f"{value:.6g}")
                        f.write(f"{scenario} " + " ".join(values) + "\n")
                script.append(f"set title '{label}, {fs} filesystem ({mode})'")
                script.append(f"set ylabel '{label}'")
                script.append("plot " + ", ".join(f"'{data}' using {i + 2}:xtic(1) title '{tool}' lc rgb '{COLORS[i]}'"
                                                   for i, tool in enumerate(tools)))
        script.append("unset multiplot")
        gp = os.path.join(tmp, "plot.gp")
        with open(gp, "w") as f:
            f.write("\n".join(script) + "\n")
        done = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"gnuplot failed: {done.stderr}")
            return False
    return True


def scenario_table(table, mode, fs, scenario):
    edit = table.get((mode, fs, scenario, "gathercopy-edit"), {})
    diff = table.get((mode, fs, scenario, "gathercopy-diff"), {})
    lines = ["| tool | wire (up + down) | up | down | wall time | to committed file | plan / encode | "
             "server-side rebuild | edit ÷ tool, wire | edit ÷ tool, time | diff ÷ tool, wire | diff ÷ tool, time | runs |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for tool in GC + PEERS:
        row = table.get((mode, fs, scenario, tool))
        if row is None:
            continue
        if row["n"] == 0:
            lines.append(f"| {tool} | failed: {row['errors'][0][:120]} | | | | | | | | | | | 0 |")
            continue
        plan = row.get("plan_s", row.get("encode_s"))
        server = None
        if "server_copy_s" in row:
            server = row["server_copy_s"] + row["server_commit_s"]
        elif "decode_s" in row:
            server = row["decode_s"]
        elif "patch_s" in row:
            server = row["patch_s"]
        wire = row.get("wire") if tool != "cp-sync" else None
        compare = tool not in ("gathercopy-edit", "gathercopy-diff")
        lines.append(
            f"| {tool} | {human_bytes(wire)} | {human_bytes(row.get('wire_up')) if wire is not None else '–'} | "
            f"{human_bytes(row.get('wire_down')) if wire is not None else '–'} | {seconds(row.get('wall_s'))} | "
            f"{seconds(row.get('commit_s'))} | {seconds(plan)} | {seconds(server)} | "
            f"{ratio(edit.get('wire'), wire) if compare else ''} | "
            f"{ratio(edit.get('wall_s'), row.get('wall_s')) if compare else ''} | "
            f"{ratio(diff.get('wire'), wire) if compare else ''} | "
            f"{ratio(diff.get('wall_s'), row.get('wall_s')) if compare else ''} | {row['n']} |")
    return lines


def ratio_summary(table, mode, filesystems, ours):
    """One line per peer: a Gathercopy path ÷ peer, wire and wall time, per scenario and filesystem."""
    lines = []
    for fs in filesystems:
        lines += [f"**{ours} ÷ peer, {fs} filesystem** (wire bytes / wall time; below 1 means Gathercopy sent less "
                  "or was faster)", "",
                  "| peer | " + " | ".join(SCENARIOS) + " |", "| --- |" + " ---: |" * len(SCENARIOS)]
        for tool in PEERS:
            cells = []
            for scenario in SCENARIOS:
                edit = table.get((mode, fs, scenario, ours), {})
                row = table.get((mode, fs, scenario, tool), {})
                wire = ratio(edit.get("wire"), row.get("wire")) if tool != "cp-sync" else "–"
                cells.append(f"{wire} / {ratio(edit.get('wall_s'), row.get('wall_s'))}")
            lines.append(f"| {tool} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def verdict(ok):
    return "**met**" if ok else "**missed**"


def targets(table, mode, filesystems, size):
    def get(fs, scenario, tool, field):
        return table.get((mode, fs, scenario, tool), {}).get(field)

    lines = ["| target | scenario | figure | limit | status |", "| --- | --- | ---: | ---: | --- |"]
    fs = "default"
    for scenario in ("S1", "S2"):
        for tool in ("gathercopy-edit", "gathercopy-diff"):
            wire = get(fs, scenario, tool, "wire")
            x9 = get(fs, scenario, "xdelta3-9", "wire")
            rs = get(fs, scenario, "rsync", "wire")
            if wire and x9:
                lines.append(f"| wire ≤ xdelta3 -9 delta ({tool}) | {scenario} | {wire:,.0f} B | {x9:,.0f} B | "
                             f"{verdict(wire <= x9)} ({wire / x9:.2f}×) |")
            if wire and rs:
                lines.append(f"| wire < rsync ÷ 100 ({tool}) | {scenario} | {wire:,.0f} B | {rs / 100:,.0f} B | "
                             f"{verdict(wire < rs / 100)} (1/{rs / wire:,.0f} of rsync) |")
    for tool in ("gathercopy-edit", "gathercopy-diff"):
        wire = get(fs, "S3", tool, "wire")
        if wire:
            lines.append(f"| wire ≤ 1.01 × appended ({tool}) | S3 | {wire:,.0f} B | {1.01 * MIB:,.0f} B | "
                         f"{verdict(wire <= 1.01 * MIB)} ({wire / MIB:.4f}×) |")
    for scenario in ("S1", "S2", "S3", "S4"):
        wall = get(fs, scenario, "gathercopy-edit", "wall_s")
        rs = get(fs, scenario, "rsync", "wall_s")
        cp = get(fs, scenario, "cp-sync", "wall_s")
        if wall and rs:
            lines.append(f"| wall, edit-log ≤ 0.5 × rsync | {scenario} | {seconds(wall)} | {seconds(rs / 2)} | "
                         f"{verdict(wall <= 0.5 * rs)} ({wall / rs:.2f}× rsync) |")
        if wall and cp:
            lines.append(f"| wall, edit-log ≤ 1.5 × cp + sync | {scenario} | {seconds(wall)} | {seconds(1.5 * cp)} | "
                         f"{verdict(wall <= 1.5 * cp)} ({wall / cp:.2f}× cp + sync) |")
        landed = get(fs, scenario, "gathercopy-edit", "commit_s")
        if landed and rs and cp:
            lines.append(f"| (push to committed file, before the agent's own rebase) | {scenario} | {seconds(landed)} | "
                         f"{seconds(rs / 2)} / {seconds(1.5 * cp)} | {landed / rs:.2f}× rsync, "
                         f"{landed / cp:.2f}× cp + sync |")
    if "xfs" in filesystems:
        scale = "" if size == 1 << 30 else f" (base is {human_bytes(size)}, the target is set for 1 GiB)"
        for tool in ("gathercopy-edit", "gathercopy-edit-noverify"):
            row = table.get((mode, "xfs", "S1", tool), {})
            if "server_copy_s" in row:
                server = row["server_copy_s"] + row["server_commit_s"]
                lines.append(f"| XFS: S1 push server-side (copy + commit) < 50 ms ({tool}){scale} | S1 | "
                             f"{seconds(server)} | 50 ms | {verdict(server < 0.05)} |")
    for scenario in SCENARIOS:
        plan = get(fs, scenario, "gathercopy-diff", "plan_s")
        x0 = get(fs, scenario, "xdelta3-0", "encode_s")
        literal = get(fs, scenario, "gathercopy-diff", "literal_bytes")
        x0wire = get(fs, scenario, "xdelta3-0", "wire")
        if plan and x0:
            lines.append(f"| diff plan time ≤ xdelta3 -e -0 | {scenario} | {seconds(plan)} | {seconds(x0)} | "
                         f"{verdict(plan <= x0)} ({plan / x0:.2f}×) |")
        if literal is not None and x0wire:
            lines.append(f"| diff literal bytes ≤ xdelta3 -0 delta | {scenario} | {literal:,.0f} B | "
                         f"{x0wire:,.0f} B | {verdict(literal <= x0wire)} |")
    return lines


def environment_lines(envs, ends, mode, filesystems):
    lines = ["| | " + " | ".join(filesystems) + " |", "| --- |" + " --- |" * len(filesystems)]
    keys = [("filesystem", "storage root and peers' targets (findmnt)"), ("client_filesystem", "client side: pairs, agent"),
            ("nproc", "nproc"), ("memory_gib", "memory (GiB)"), ("cpu", "CPU"), ("kernel", "kernel"), ("jdk", "JDK"),
            ("rsync", "rsync"), ("xdelta3", "xdelta3"), ("rdiff", "rdiff"), ("curl", "curl"), ("python", "Python")]
    for key, label in keys:
        lines.append(f"| {label} | " + " | ".join(str(envs[(mode, fs)]["env"].get(key, "")).replace("|", "/")
                                                 for fs in filesystems) + " |")
    lines.append("| load average at start → end | " + " | ".join(
        f"{' '.join(envs[(mode, fs)]['env']['loadavg_start'])} → "
        f"{' '.join(ends.get((mode, fs), {}).get('loadavg_end', ['?']))}" for fs in filesystems) + " |")
    first = envs[(mode, filesystems[0])]
    lines.append(f"| base size, runs, seed | " + " | ".join(
        f"{human_bytes(envs[(mode, fs)]['size'])}, {envs[(mode, fs)]['runs']}, `{envs[(mode, fs)]['seed']}`"
        for fs in filesystems) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    runs, envs, ends = load(args.results)
    if not runs:
        print(f"no results in {args.results}")
        return
    table = medians(runs)
    here = os.path.dirname(__file__)
    with open(os.path.join(here, "analysis.md")) as f:
        analysis = f.read()
    out = ["# Gathercopy against its peers: results", "",
           "Generated by `bench/run-peers.sh` (`python3 -m peerbench.report` rebuilds it from `bench/results/*.jsonl`). "
           "Medians of the successful runs; ratios are Gathercopy ÷ peer. The plots are `bench/peers-<mode>.png`, "
           "the medians as CSV `bench/results/<mode>.csv`, every single run in `bench/results/<mode>-<fs>.jsonl`.", "",
           analysis.strip(), ""]
    tool_lines = ["| tool | what runs |", "| --- | --- |"] + [f"| {t} | {TOOLS[t][0]} |" for t in GC + PEERS]
    out += ["## The tools", ""] + tool_lines + [""]
    for mode in ordered_modes(runs):
        filesystems = [fs for fs in FILESYSTEMS if (mode, fs) in envs] + sorted(
            {fs for (m, fs) in envs if m == mode} - set(FILESYSTEMS))
        size = envs[(mode, filesystems[0])]["size"]
        out += [f"## Mode `{mode}`: {human_bytes(size)} base file", "", "### Machine", ""]
        out += environment_lines(envs, ends, mode, filesystems) + [""]
        write_csv(table, mode, os.path.join(args.results, f"{mode}.csv"))
        png = f"peers-{mode}.png"
        if plot(table, mode, filesystems, os.path.join(args.out, png)):
            out += [f"![wire bytes and wall time per scenario and tool]({png})", ""]
        out += ["### Targets", "", "Figures are medians; the default filesystem unless said otherwise.", ""]
        out += targets(table, mode, filesystems, size) + [""]
        out += ["### Ratios against each peer", ""]
        for ours in ("gathercopy-edit", "gathercopy-diff"):
            out += ratio_summary(table, mode, filesystems, ours)
        for fs in filesystems:
            out += [f"### Per scenario, {fs} filesystem ({mode})", ""]
            for scenario, title in SCENARIOS.items():
                out += [f"#### {scenario}: {title}", ""] + scenario_table(table, mode, fs, scenario) + [""]
        failures = [(k, r) for k, r in sorted(table.items()) if k[0] == mode and r["failed"]]
        if failures:
            out += ["### Failed runs", ""] + [f"- {k[1]} {k[2]} {k[3]}: {r['failed']} failed: {r['errors'][0]}"
                                             for k, r in failures] + [""]
    with open(os.path.join(args.out, "RESULTS.md"), "w") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {os.path.join(args.out, 'RESULTS.md')}")


if __name__ == "__main__":
    main()
