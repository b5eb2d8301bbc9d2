"""Gathercopy's own runs: the remote file is reset to the base, a working copy is checked out, the new version is
made in it (through PATCH edits, or by writing its localFile), the plan is asked for, then the push is timed.

The agent talks to storage through the counting proxy; setup traffic (the checkout's download) is not counted, the
push's is, both directions.
"""

import base64
import datetime
import os
import re
import shutil
import time

from .common import Failed, check_same, run, settle
from .scenarios import read_source
from .services import call, metrics, server_seconds

MAX_PATCH_DATA = 64 << 20  # new bytes in one PATCH request (its JSON body is 4/3 of that)


def patch_bodies(scenario):
    """The scenario's edits as PATCH bodies (JSON bytes), in order, each carrying at most MAX_PATCH_DATA bytes.

    Bytes inserted from the base (S4's moved block) go as `copy` edits, which carry no data."""
    body = []
    data_bytes = 0
    for edit in scenario["edits"]:
        if edit["op"] == "delete":
            item = b'{"op":"delete","offset":%d,"length":%d}' % (edit["offset"], edit["length"])
            length = 0
        elif edit["op"] == "insert" and edit["source"] == "base":  # bytes the base has: a copy, no data sent
            item = b'{"op":"copy","offset":%d,"sourceOffset":%d,"length":%d}' % (
                edit["offset"], edit["sourceOffset"], edit["length"])
            length = 0
        else:
            data = read_source(scenario["sources"], edit["source"], edit["sourceOffset"], edit["length"])
            item = b'{"op":"%s","offset":%d,"data":"%s"}' % (edit["op"].encode(), edit["offset"],
                                                            base64.b64encode(data))
            length = edit["length"]
        if body and data_bytes + length > MAX_PATCH_DATA:
            yield b'{"edits":[' + b",".join(body) + b"]}"
            body, data_bytes = [], 0
        body.append(item)
        data_bytes += length
    if body:
        yield b'{"edits":[' + b",".join(body) + b"]}"


def reset_remote(bench, remote):
    """Puts the base as the remote file, straight to storage (not through the proxy)."""
    run(["curl", "-sS", "-f", "-o", "/dev/null", "-H", f"Authorization: Bearer {bench.token}", "-T", bench.base,
         f"http://127.0.0.1:{bench.storage.port}/api/v1/files/{remote}"])


COMMIT_LINE = re.compile(r"^(\S+Z) .* commit path=(\S+) size=\d+ version=(\S+) ")


def committed_at(log_path, remote, version):
    """When the storage logged the commit of that version (epoch seconds, ms precision): the file is landed then."""
    with open(log_path, errors="replace") as f:
        for line in reversed(f.readlines()[-200:]):
            m = COMMIT_LINE.match(line)
            if m and m.group(2) == remote and m.group(3) == version:
                stamp = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ")
                return stamp.replace(tzinfo=datetime.timezone.utc).timestamp()
    return None


def delete_remote(bench, remote):
    """Removes a remote file once measured, so that the filesystem under test holds one update at a time."""
    call(bench.storage.port, "DELETE", f"/api/v1/files/{remote}", bench.token, ok=(204, 404))


def push(bench, scenario, agent, path_kind):
    """One Gathercopy update; path_kind is "edit" (PATCH edits) or "diff" (the new version written into localFile)."""
    remote = f"bench/{scenario['name']}-{path_kind}.img"
    reset_remote(bench, remote)
    copy = call(agent.port, "POST", "/api/v1/working-copies", bench.token, {"path": remote})
    base_path = f"/api/v1/working-copies/{copy['id']}"
    try:
        started = time.perf_counter()
        if path_kind == "edit":
            for body in patch_bodies(scenario):
                call(agent.port, "PATCH", f"{base_path}/content", bench.token, body, "application/json")
        else:
            shutil.copyfile(scenario["new"], copy["localFile"])
        prepared = time.perf_counter() - started
        settle(copy["localFile"], bench.storage_root)

        started = time.perf_counter()
        plan = call(agent.port, "GET", f"{base_path}/plan?summary=true", bench.token)
        plan_seconds = time.perf_counter() - started

        before = metrics(bench.storage.port, bench.token)
        bench.storage_proxy.reset()
        started_epoch = time.time()
        started = time.perf_counter()
        pushed = call(agent.port, "POST", f"{base_path}/push", bench.token)
        wall = time.perf_counter() - started
        committed = committed_at(bench.storage.log_path, remote, pushed["version"])
        wire = bench.storage_proxy.counts()
        server = server_seconds(before, metrics(bench.storage.port, bench.token))
        check_same(os.path.join(bench.storage_root, remote), scenario)
        if pushed["size"] != scenario["newSize"]:
            raise Failed(f"the push landed {pushed['size']} bytes, not {scenario['newSize']}")
    finally:
        call(agent.port, "DELETE", f"{base_path}?discard=true", bench.token, ok=(204, 404))
        delete_remote(bench, remote)
    return {"wall_s": wall, "commit_s": None if committed is None else committed - started_epoch, "wire_up": wire["up"], "wire_down": wire["down"], "connections": wire["connections"],
            "prepare_s": prepared, "plan_s": plan_seconds, "plan_method": plan.get("method"),
            "region_count": plan["regionCount"], "literal_count": plan["literalCount"],
            "literal_bytes": plan["literalBytes"], "reused_bytes": plan["reusedBytes"],
            "agent_request_bytes": pushed["requestBytes"], "agent_duration_s": pushed["durationMillis"] / 1000,
            "server_copy_s": server["copy"], "server_commit_s": server["commit"],
            "server_requests_s": server["requests"], "server_by_uri": server["by_uri"]}
