"""The peers, each run on the same pair as Gathercopy, with their target files on the filesystem under test.

Every function takes the bench (see run.py) and a scenario, returns the measurements of one run, and checks that the
tool produced the new version byte for byte.
"""

import os
import re
import shutil
import subprocess
import time

from .common import Failed, check_same, remove, run, settle
from .services import call


def full_upload(bench, scenario):
    """The whole new version PUT to the storage service with curl, through the counting proxy."""
    remote = f"bench/full-{scenario['name']}.img"
    bench.storage_proxy.reset()
    seconds, _ = run(["curl", "-sS", "-f", "-o", "/dev/null", "-H", f"Authorization: Bearer {bench.token}",
                      "-T", scenario["new"], f"http://127.0.0.1:{bench.storage_proxy.port}/api/v1/files/{remote}"])
    wire = bench.storage_proxy.counts()
    check_same(os.path.join(bench.storage_root, remote), scenario)
    call(bench.storage.port, "DELETE", f"/api/v1/files/{remote}", bench.token, ok=(204, 404))
    return {"wall_s": seconds, "wire_up": wire["up"], "wire_down": wire["down"]}


STAT_LINE = re.compile(r"^(Total bytes sent|Total bytes received|Literal data|Matched data):\s+([\d,.]+)", re.M)


def parse_rsync_stats(text):
    """The byte counts of `rsync --stats` (3.x prints them with thousands separators)."""
    return {key: int(value.replace(",", "").split(".")[0]) for key, value in STAT_LINE.findall(text)}


def rsync(bench, scenario, inplace=False):
    """`rsync --no-whole-file --stats` of the new version onto the base, held by an rsync daemon on 127.0.0.1."""
    target = os.path.join(bench.rsync_root, f"{scenario['name']}.img")
    remove(target)
    shutil.copyfile(bench.base, target)
    settle(target)
    command = ["rsync", "--no-whole-file", "--stats", "--ignore-times"] + (["--inplace"] if inplace else []) + [
        scenario["new"], f"rsync://127.0.0.1:{bench.rsync_proxy.port}/bench/{scenario['name']}.img"]
    bench.rsync_proxy.reset()
    seconds, output = run(command)
    wire = bench.rsync_proxy.counts()
    stats = parse_rsync_stats(output)
    if stats.get("Matched data", 0) == 0 and scenario["name"] != "S5":
        raise Failed(f"rsync matched nothing (did it send the whole file?):\n{output}")
    check_same(target, scenario)
    remove(target)
    return {"wall_s": seconds, "wire_up": wire["up"], "wire_down": wire["down"],
            "rsync_sent": stats.get("Total bytes sent"), "rsync_received": stats.get("Total bytes received"),
            "literal_bytes": stats.get("Literal data"), "reused_bytes": stats.get("Matched data")}


def source_window(size):
    """xdelta3's source window (-B) large enough to hold the whole base, so that moves anywhere are found."""
    window = 1 << 20
    while window < size and window < (1 << 31):
        window <<= 1
    return window


def xdelta3(bench, scenario, level=None):
    """`xdelta3 -e -s BASE NEW DELTA` (the delta is what would cross the wire), then decoded onto the target fs."""
    delta = os.path.join(bench.scratch, "delta.vcdiff")
    target = os.path.join(bench.peer_root, f"xdelta-{scenario['name']}.img")
    remove(delta, target)
    window = ["-B", str(source_window(os.path.getsize(bench.base)))]
    encode, _ = run(["xdelta3", "-e", "-f"] + ([f"-{level}"] if level is not None else []) + window +
                    ["-s", bench.base, scenario["new"], delta])
    size = os.path.getsize(delta)
    settle(delta)
    decode, _ = run(["xdelta3", "-d", "-f"] + window + ["-s", bench.base, delta, target])
    check_same(target, scenario)
    remove(delta, target)
    return {"wall_s": encode, "encode_s": encode, "decode_s": decode, "wire_up": size, "wire_down": 0}


def rdiff(bench, scenario):
    """librsync's rdiff: signature of the base (server side), delta against it (client), patch (server)."""
    signature = os.path.join(bench.peer_root, "rdiff.sig")
    delta = os.path.join(bench.scratch, "rdiff.delta")
    target = os.path.join(bench.peer_root, f"rdiff-{scenario['name']}.img")
    remove(signature, delta, target)
    sign, _ = run(["rdiff", "signature", bench.base, signature])
    diff, _ = run(["rdiff", "delta", signature, scenario["new"], delta])
    patch, _ = run(["rdiff", "patch", bench.base, delta, target])
    result = {"wall_s": sign + diff + patch, "signature_s": sign, "delta_s": diff, "patch_s": patch,
              "wire_up": os.path.getsize(delta), "wire_down": os.path.getsize(signature)}
    check_same(target, scenario)
    remove(signature, delta, target)
    return result


def cp_sync(bench, scenario):
    """The floor of rebuilding the file durably: `cp` of the new version onto the target fs, then `sync` of it."""
    target = os.path.join(bench.peer_root, f"cp-{scenario['name']}.img")
    remove(target)
    settle(bench.peer_root)
    started = time.perf_counter()
    run(["cp", scenario["new"], target])
    run(["sync", target])
    seconds = time.perf_counter() - started
    check_same(target, scenario)
    remove(target)
    return {"wall_s": seconds, "wire_up": 0, "wire_down": 0}


def start_rsync_daemon(bench):
    """An rsync daemon on 127.0.0.1 serving the peers' folder on the filesystem under test; returns the process."""
    config = os.path.join(bench.scratch, "rsyncd.conf")
    user = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    group = subprocess.run(["id", "-gn"], capture_output=True, text=True).stdout.strip()
    with open(config, "w") as f:
        f.write(f"""pid file = {bench.scratch}/rsyncd.pid
use chroot = no
uid = {user}
gid = {group}
[bench]
    path = {bench.rsync_root}
    read only = false
""")
    port = bench.free_port()
    process = subprocess.Popen(["rsync", "--daemon", "--no-detach", f"--config={config}", f"--port={port}",
                                "--address=127.0.0.1", f"--log-file={bench.scratch}/rsyncd.log"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            import socket
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, port
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"the rsync daemon exited with {process.returncode}")
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("the rsync daemon did not listen")
