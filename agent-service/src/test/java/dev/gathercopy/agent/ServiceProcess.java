package dev.gathercopy.agent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

/**
 * One of the services run as a separate JVM on a fixed port, so that a test can kill it (SIGKILL), stop it (SIGTERM)
 * and start it again on the same port and data. Its output goes to a log file next to its data.
 */
public abstract class ServiceProcess implements AutoCloseable {

	private final int port;

	private final Path log;

	private volatile Process process;

	private SSLContext tls;

	protected ServiceProcess(Path log) throws IOException {
		this.port = freePort();
		this.log = log;
	}

	/** What to run after {@code java} and the JVM options: {@code -jar} or {@code -cp}, main class, arguments. */
	protected abstract List<String> command(int port) throws IOException;

	/** Starts the process and waits until it is ready to serve. */
	public ServiceProcess launch() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(command(this.port));
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		awaitReady();
		return this;
	}

	/** Makes the process an https one: its arguments name the server's SSL bundle, {@code trust} trusts its certificate. */
	protected void useTls(SSLContext trust) {
		this.tls = trust;
	}

	public URI url() {
		return URI.create(((this.tls != null) ? "https" : "http") + "://127.0.0.1:" + this.port);
	}

	/** The process id of the running process. */
	public long pid() {
		return this.process.pid();
	}

	public boolean isRunning() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/** Stops the process at once, as a crash or an operator's kill would (SIGKILL). */
	public void kill() throws InterruptedException {
		Process running = this.process;
		if (running != null) {
			running.destroyForcibly();
			running.waitFor();
			this.process = null;
		}
	}

	/** Asks the process to stop (SIGTERM, as an orchestrator would) and waits until it has; returns its exit code. */
	public int terminate() throws InterruptedException {
		Process running = this.process;
		if (running == null) {
			return 0;
		}
		running.destroy();
		if (!running.waitFor(90, TimeUnit.SECONDS)) {
			running.destroyForcibly();
			running.waitFor();
		}
		this.process = null;
		return running.exitValue();
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	/** The java launcher of the JVM running the tests. */
	protected static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private void awaitReady() throws IOException, InterruptedException {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
		if (this.tls != null) {
			builder.sslContext(this.tls);
		}
		HttpClient client = builder.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			Process running = this.process;
			if (running == null || !running.isAlive()) {
				throw new IllegalStateException(getClass().getSimpleName() + " exited: " + Files.readString(this.log));
			}
			try {
				HttpResponse<Void> response = client.send(
						HttpRequest.newBuilder(url().resolve("/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(getClass().getSimpleName() + " did not become ready: "
				+ Files.readString(this.log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
