"""A counting TCP proxy: forwards every connection to one upstream port and counts the bytes, both directions.

Counts are taken before a chunk is passed on, so once the receiving side has read something it is already counted.
"""

import socket
import threading

BUFFER = 1 << 20


class CountingProxy:

    def __init__(self, upstream_port, host="127.0.0.1"):
        self.upstream = (host, upstream_port)
        self.listener = socket.create_server((host, 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.up = 0  # client -> upstream
        self.down = 0  # upstream -> client
        self.connections = 0
        self.open_sockets = set()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True, name=f"proxy-{self.port}").start()

    def reset(self):
        with self.lock:
            self.up = self.down = self.connections = 0

    def counts(self):
        with self.lock:
            return {"up": self.up, "down": self.down, "connections": self.connections}

    def close(self):
        self.closed = True
        self.listener.close()
        with self.lock:
            sockets = list(self.open_sockets)
        for s in sockets:
            try:
                s.close()
            except OSError:
                pass

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                self.connections += 1
                self.open_sockets.update((client, server))
            pair = {"sockets": (client, server), "finished": 0}
            threading.Thread(target=self._pump, args=(client, server, "up", pair), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down", pair), daemon=True).start()

    def _pump(self, source, sink, direction, pair):
        buffer = bytearray(BUFFER)
        view = memoryview(buffer)
        try:
            while True:
                n = source.recv_into(buffer)
                if n == 0:
                    break
                with self.lock:
                    setattr(self, direction, getattr(self, direction) + n)
                sink.sendall(view[:n])
        except OSError:
            pass
        finally:
            # pass the half-close on, and drop both sockets once both directions are done
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            with self.lock:
                pair["finished"] += 1
                both = pair["finished"] == 2
                if both:
                    self.open_sockets.difference_update(pair["sockets"])
            if both:
                for s in pair["sockets"]:
                    s.close()
