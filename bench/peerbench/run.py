"""Runs every tool on every scenario on one filesystem and appends one JSON line per run to a raw results file.

python3 -m peerbench.run --target-root DIR --fs-label NAME --out FILE [--size-mib N] [--runs N] ...
(bench/run-peers.sh calls it once per filesystem; see there.)
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
import traceback

from . import gathercopy, peers
from .common import Failed
from .proxy import CountingProxy
from .scenarios import SCENARIOS, prepare
from .services import JAVA, agent_service, free_port, storage_service

# tool name -> (what it is, function of (bench, scenario))
TOOLS = {
    "gathercopy-edit": ("Gathercopy, edit-log path (PATCH edits, then push)",
                        lambda b, s: gathercopy.push(b, s, b.agent, "edit")),
    "gathercopy-diff": ("Gathercopy, diff path (new version written into localFile, then push)",
                        lambda b, s: gathercopy.push(b, s, b.agent, "diff")),
    "gathercopy-edit-noverify": ("Gathercopy, edit-log path with agent.push.verify=false (no SHA-256 on either side)",
                                 lambda b, s: gathercopy.push(b, s, b.agent_noverify, "edit")),
    "full-upload": ("curl -T of the whole new version (PUT /files)", peers.full_upload),
    "rsync": ("rsync --no-whole-file to an rsync daemon", lambda b, s: peers.rsync(b, s)),
    "rsync-inplace": ("rsync --no-whole-file --inplace to an rsync daemon", lambda b, s: peers.rsync(b, s, True)),
    "xdelta3-0": ("xdelta3 -e -0 (encode)", lambda b, s: peers.xdelta3(b, s, 0)),
    "xdelta3": ("xdelta3 -e (default level 3, encode)", lambda b, s: peers.xdelta3(b, s)),
    "xdelta3-9": ("xdelta3 -e -9 (encode)", lambda b, s: peers.xdelta3(b, s, 9)),
    "rdiff": ("rdiff signature + delta + patch", peers.rdiff),
    "cp-sync": ("cp of the new version, then sync of it (the durable-rebuild floor)", peers.cp_sync),
}


class Bench:
    """What the tools need: paths, the running services, the proxies."""

    free_port = staticmethod(free_port)

    def __init__(self, args, manifest):
        self.args = args
        self.base = manifest["base"]
        self.token = secrets.token_urlsafe(24)
        self.storage_root = os.path.join(args.target_root, "storage")
        self.rsync_root = os.path.join(args.target_root, "rsync")
        self.peer_root = os.path.join(args.target_root, "peers")
        self.scratch = os.path.join(args.work, f"scratch-{args.fs_label}")
        for path in (self.storage_root, self.rsync_root, self.peer_root, self.scratch,
                     os.path.join(args.work, f"agent-{args.fs_label}"),
                     os.path.join(args.work, f"agent-noverify-{args.fs_label}")):
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
        self.stoppers = []

    def start(self):
        logs = self.scratch
        self.storage = storage_service(self.args.storage_jar, self.storage_root, self.token, f"{logs}/storage.log")
        self.stoppers.append(self.storage.stop)
        self.storage.wait_ready()
        self.storage_proxy = CountingProxy(self.storage.port)
        self.stoppers.append(self.storage_proxy.close)
        self.agent = agent_service(self.args.agent_jar, os.path.join(self.args.work, f"agent-{self.args.fs_label}"),
                                   self.storage_proxy.port, self.token, f"{logs}/agent.log")
        self.stoppers.append(self.agent.stop)
        self.agent_noverify = agent_service(
            self.args.agent_jar, os.path.join(self.args.work, f"agent-noverify-{self.args.fs_label}"),
            self.storage_proxy.port, self.token, f"{logs}/agent-noverify.log", verify=False)
        self.stoppers.append(self.agent_noverify.stop)
        self.agent.wait_ready()
        self.agent_noverify.wait_ready()
        daemon, port = peers.start_rsync_daemon(self)
        self.stoppers.append(lambda: (daemon.terminate(), daemon.wait()))
        self.rsync_proxy = CountingProxy(port)
        self.stoppers.append(self.rsync_proxy.close)

    def stop(self):
        for stop in reversed(self.stoppers):
            try:
                stop()
            except Exception as ex:  # keep stopping the rest
                print(f"while stopping: {ex}", file=sys.stderr)


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip() or \
            subprocess.run(command, capture_output=True, text=True, timeout=30).stderr.strip()
    except OSError:
        return "missing"


def environment(args):
    """The machine, kernel, JDK, filesystem and tool versions, as stated in the report."""
    with open("/proc/meminfo") as f:
        memory_kib = int(f.readline().split()[1])
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(memory_kib / (1 << 20), 1),
        "cpu": next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                    platform.processor()),
        "kernel": platform.release(),
        "jdk": command_output([JAVA, "-version"]).splitlines()[0],
        "filesystem": command_output(["findmnt", "-n", "-o", "FSTYPE,SOURCE,OPTIONS", "--target", args.target_root]),
        "client_filesystem": command_output(["findmnt", "-n", "-o", "FSTYPE,SOURCE", "--target", args.work]),
        "rsync": command_output(["rsync", "--version"]).splitlines()[0],
        "xdelta3": command_output(["xdelta3", "-V"]).splitlines()[0],
        "rdiff": command_output(["rdiff", "--version"]).splitlines()[0],
        "curl": command_output(["curl", "--version"]).splitlines()[0],
        "python": platform.python_version(),
        "loadavg_start": open("/proc/loadavg").read().split()[:3],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target-root", required=True, help="folder on the filesystem under test")
    parser.add_argument("--fs-label", required=True, help="name of that filesystem in the results")
    parser.add_argument("--work", required=True, help="client-side folder: test pairs, agent workspaces, scratch")
    parser.add_argument("--out", required=True, help="raw results, one JSON line per run (appended)")
    parser.add_argument("--mode", default="quick")
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", default="gathercopy-peers-1")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--slow-limit", type=float, default=20.0,
                        help="a tool whose first run on a scenario takes longer (seconds; its own timed steps, "
                             "not the setup) is not run again on it")
    parser.add_argument("--storage-jar", required=True)
    parser.add_argument("--agent-jar", required=True)
    args = parser.parse_args()
    # a TERM (from run-peers.sh stopping) unwinds like an exception, so that every service is stopped
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scenarios = args.scenarios.split(",")
    tools = args.tools.split(",")
    for tool in tools:
        if tool not in TOOLS:
            parser.error(f"unknown tool {tool}; known: {', '.join(TOOLS)}")

    def log(message):
        print(f"[{time.strftime('%H:%M:%S')}] [{args.fs_label}] {message}", flush=True)

    manifest = prepare(os.path.join(args.work, f"pairs-{args.size_mib}m"), args.size_mib << 20, args.seed, log)
    bench = Bench(args, manifest)
    env = environment(args)
    records = open(args.out, "a")

    def record(entry):
        records.write(json.dumps(entry) + "\n")
        records.flush()

    record({"kind": "environment", "mode": args.mode, "fs": args.fs_label, "size": manifest["size"],
            "runs": args.runs, "seed": args.seed, "env": env})
    try:
        bench.start()
        log(f"storage on :{bench.storage.port} (proxy :{bench.storage_proxy.port}), agents on :{bench.agent.port} "
            f"and :{bench.agent_noverify.port}, rsync daemon behind proxy :{bench.rsync_proxy.port}")
        warm = [t for t in tools if t.startswith("gathercopy")]
        if warm:
            log(f"warming the JVMs up: {', '.join(warm)} on S2 (not recorded)")
            for tool in warm:
                TOOLS[tool][1](bench, dict(manifest["scenarios"]["S2"], name="S2"))
        for name in scenarios:
            scenario = dict(manifest["scenarios"][name], name=name)
            slow = set()
            for run_index in range(1, args.runs + 1):
                for tool in tools:
                    if tool in slow:
                        continue
                    entry = {"kind": "run", "mode": args.mode, "fs": args.fs_label, "size": manifest["size"],
                             "scenario": name, "tool": tool, "run": run_index}
                    try:
                        entry.update(TOOLS[tool][1](bench, scenario), ok=True)
                        entry["wire"] = entry["wire_up"] + entry["wire_down"]
                        log(f"{name} run {run_index} {tool:25s} {entry['wall_s']:8.3f} s {entry['wire']:>14,} B")
                    except (Failed, Exception) as ex:
                        entry.update(ok=False, error=str(ex)[-2000:])
                        log(f"{name} run {run_index} {tool:25s} FAILED: {str(ex)[-300:]}")
                        if not isinstance(ex, Failed):
                            traceback.print_exc()
                    own_time = entry.get("wall_s", 0) + entry.get("decode_s", 0)
                    if run_index == 1 and own_time > args.slow_limit:
                        slow.add(tool)
                        entry["not_repeated"] = True
                    record(entry)
    finally:
        bench.stop()
        record({"kind": "end", "fs": args.fs_label, "mode": args.mode,
                "loadavg_end": open("/proc/loadavg").read().split()[:3]})
        records.close()
        for path in (bench.storage_root, bench.rsync_root, bench.peer_root):
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
