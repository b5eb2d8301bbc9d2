package dev.gathercopy.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A TCP proxy on loopback that sends each new connection to the next of several backends in turn. In front of servers
 * that close every connection after one request, it alternates them call by call.
 */
public final class RoundRobinProxy implements AutoCloseable {

	private final ServerSocket server;

	private final List<URI> backends;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicIntegerArray connections;

	public RoundRobinProxy(List<URI> backends) throws IOException {
		this.backends = List.copyOf(backends);
		this.connections = new AtomicIntegerArray(backends.size());
		this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		ProxyThreads.daemon("round-robin-proxy", this::accept);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/** How many connections each backend was given, in the order of the backends. */
	public int[] connections() {
		int[] counts = new int[this.backends.size()];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = this.connections.get(i);
		}
		return counts;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				int backend = Math.floorMod(this.next.getAndIncrement(), this.backends.size());
				this.connections.incrementAndGet(backend);
				ProxyThreads.daemon("round-robin-proxy", () -> serve(client, this.backends.get(backend)));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private static void serve(Socket client, URI target) {
		try (client; Socket upstream = new Socket(target.getHost(), target.getPort())) {
			Thread answers = ProxyThreads.daemon("round-robin-proxy", () -> pump(upstream, client));
			pump(client, upstream);
			answers.join();
		}
		catch (IOException ex) {
			// the backend is gone: the client sees its connection closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pump(Socket from, Socket to) {
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				out.write(buffer, 0, n);
			}
			to.shutdownOutput();
		}
		catch (IOException ex) {
			ProxyThreads.closeQuietly(to);
		}
	}

}
