"""Starts the real storage service and agents as child processes, and talks to them over HTTP on 127.0.0.1."""

import http.client
import json
import os
import re
import socket
import subprocess
import time

JAVA = os.environ.get("BENCH_JAVA", "java")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HttpError(Exception):
    pass


def call(port, method, path, token, body=None, content_type=None, timeout=3600, ok=(200, 201, 204)):
    """One request to a service on 127.0.0.1; returns the decoded JSON answer (or raw bytes, or None)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Authorization": f"Bearer {token}"}
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        content_type = content_type or "application/json"
    if content_type:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    if response.status not in ok:
        raise HttpError(f"{method} {path}: {response.status} {data[:500]!r}")
    if response.getheader("Content-Type", "").startswith(("application/json", "application/problem+json")):
        return json.loads(data)
    return data


class Service:
    """One Spring Boot jar run as a child process with its own port and log file."""

    def __init__(self, name, jar, args, log_path, heap="2g"):
        self.name = name
        self.port = free_port()
        self.log_path = log_path
        self.log = open(log_path, "ab")
        command = [JAVA, f"-Xmx{heap}", "-jar", jar, "--server.address=127.0.0.1", f"--server.port={self.port}",
                   "--logging.level.root=WARN", "--logging.level.dev.gathercopy=INFO"] + args
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def wait_ready(self, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/actuator/health/readiness")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} was not ready in {timeout} s; see {self.log_path}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def storage_service(jar, root, token, log_path):
    return Service("storage", jar, [f"--storage.root={root}", "--storage.auth.tokens[0].name=bench",
                                    f"--storage.auth.tokens[0].token={token}"], log_path)


def agent_service(jar, workspace, storage_port, token, log_path, verify=True):
    return Service("agent", jar, [f"--agent.workspace={workspace}", f"--agent.storage.url=http://127.0.0.1:{storage_port}",
                                  f"--agent.storage.token={token}", "--agent.auth.tokens[0].name=bench",
                                  f"--agent.auth.tokens[0].token={token}", f"--agent.push.verify={str(verify).lower()}"],
                   log_path)


# labels may hold braces themselves (uri="/api/v1/handles/{handle}/commit"), so they run to the last '}'
PROMETHEUS_LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)$')


def metrics(port, token):
    """The storage's Prometheus samples as {name{labels}: value}."""
    text = call(port, "GET", "/actuator/prometheus", token).decode()
    samples = {}
    for line in text.splitlines():
        m = PROMETHEUS_LINE.match(line)
        if m:
            samples[m.group(1) + (m.group(2) or "")] = float(m.group(3))
    return samples


def server_seconds(before, after):
    """Seconds the storage spent in gather-copy, in commit, and serving all requests, between two scrapes."""

    def delta(prefix, uri_filter=None):
        total = 0.0
        for key, value in after.items():
            if key.startswith(prefix) and (uri_filter is None or uri_filter(key)):
                total += value - before.get(key, 0.0)
        return total

    by_uri = {}
    for key, value in after.items():
        if key.startswith("http_server_requests_seconds_sum") and "/actuator" not in key:
            uri = re.search(r'method="(\w+)".*uri="([^"]*)"', key)
            label = f"{uri.group(1)} {uri.group(2)}" if uri else key
            spent = value - before.get(key, 0.0)
            if spent > 0:
                by_uri[label] = round(by_uri.get(label, 0.0) + spent, 6)
    return {
        "by_uri": by_uri,
        "copy": delta("gathercopy_copy_duration_seconds_sum"),
        "commit": delta("gathercopy_commit_duration_seconds_sum"),
        "requests": delta("http_server_requests_seconds_sum", lambda k: "/actuator" not in k),
    }
