"""Small helpers shared by the tools: timed commands, file checks, quiet starts."""

import os
import subprocess
import time

from .scenarios import sha256_of


class Failed(Exception):
    """A tool did not produce the new version: the run is recorded as failed, the benchmark goes on."""


def run(command, **kwargs):
    """Runs a command; returns (seconds, stdout); raises Failed with its output when it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                          **kwargs)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise Failed(f"{' '.join(map(str, command))} exited {done.returncode}: {done.stdout.decode()[-800:]}")
    return seconds, done.stdout.decode(errors="replace")


def settle(*paths):
    """Flushes the filesystems holding these paths, so that no writeback of a setup step lands in a timed step."""
    for path in paths:
        subprocess.run(["sync", "-f", path], check=False)


def check_same(path, scenario):
    """Raises Failed unless the file is the scenario's new version, byte for byte (size, then SHA-256)."""
    if not os.path.exists(path):
        raise Failed(f"{path} is missing")
    if os.path.getsize(path) != scenario["newSize"]:
        raise Failed(f"{path} has {os.path.getsize(path)} bytes, not {scenario['newSize']}")
    if sha256_of(path) != scenario["newSha256"]:
        raise Failed(f"{path} differs from the new version")


def remove(*paths):
    for path in paths:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
