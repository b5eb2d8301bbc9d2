package dev.gathercopy.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback in front of the storage service that can break a chosen request: run an action when a
 * request line matches (e.g. kill the storage), or forward the request and then drop its answer on the floor.
 */
public final class FaultProxy implements AutoCloseable {

	private final ServerSocket server;

	private final URI target;

	private final AtomicInteger dropped = new AtomicInteger();

	private volatile Predicate<String> dropAnswerOf = (line) -> false;

	private volatile Predicate<String> beforeForwarding = (line) -> false;

	private volatile Runnable action = () -> {
	};

	public FaultProxy(URI target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		ProxyThreads.daemon("fault-proxy", this::accept);
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/** Forwards the next request whose request line matches, then closes the connection without its answer. */
	public void dropAnswerOfNext(Predicate<String> requestLine) {
		this.dropAnswerOf = requestLine;
	}

	/** Runs an action (once) just before forwarding the next request whose request line matches. */
	public void onNext(Predicate<String> requestLine, Runnable action) {
		this.action = action;
		this.beforeForwarding = requestLine;
	}

	public int droppedAnswers() {
		return this.dropped.get();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				ProxyThreads.daemon("fault-proxy", () -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client; Socket upstream = new Socket(this.target.getHost(), this.target.getPort())) {
			boolean[] dropping = { false };
			Thread answers = ProxyThreads.daemon("fault-proxy", () -> {
				try {
					InputStream in = upstream.getInputStream();
					OutputStream out = client.getOutputStream();
					byte[] buffer = new byte[64 * 1024];
					int n;
					while ((n = in.read(buffer)) >= 0) {
						if (dropping[0]) {
							this.dropped.incrementAndGet();
							client.close();
							return;
						}
						out.write(buffer, 0, n);
					}
				}
				catch (IOException ex) {
					// either side closed
				}
				finally {
					ProxyThreads.closeQuietly(client);
				}
			});
			InputStream in = client.getInputStream();
			OutputStream out = upstream.getOutputStream();
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				String head = new String(buffer, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
				String line = head.contains("\r\n") ? head.substring(0, head.indexOf("\r\n")) : "";
				if (this.beforeForwarding.test(line)) {
					this.beforeForwarding = (l) -> false;
					this.action.run();
				}
				if (this.dropAnswerOf.test(line)) {
					this.dropAnswerOf = (l) -> false;
					dropping[0] = true;
				}
				out.write(buffer, 0, n);
			}
			answers.join();
		}
		catch (IOException ex) {
			ProxyThreads.closeQuietly(client);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
