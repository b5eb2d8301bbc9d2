package dev.gathercopy.agent;

import java.io.File;
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
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

/**
 * The real storage service, run from its built jar as a separate process on a fixed port and root, so that a test can
 * stop, kill and restart it. The reactor builds storage-service before the agent, so its jar is there in
 * {@code mvn verify}.
 */
public final class StorageProcess implements AutoCloseable {

	private final Path root;

	private final int port;

	private final List<String> arguments;

	private Process process;

	private SSLContext tls;

	public StorageProcess(Path root, String... arguments) throws IOException {
		this.root = root;
		this.port = freePort();
		this.arguments = List.of(arguments);
	}

	public StorageProcess start() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar().toString());
		command.add("--server.port=" + this.port);
		command.add("--storage.root=" + this.root);
		command.add("--spring.main.banner-mode=off");
		command.addAll(this.arguments);
		Path log = this.root.resolveSibling(this.root.getFileName() + "-storage.log");
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		awaitHealthy(log);
		return this;
	}

	/** Makes the process an https one: its arguments name the server's SSL bundle, {@code trust} trusts its certificate. */
	public StorageProcess tls(SSLContext trust) {
		this.tls = trust;
		return this;
	}

	public URI url() {
		return URI.create(((this.tls != null) ? "https" : "http") + "://127.0.0.1:" + this.port);
	}

	/** Stops the process at once, as a crash or an operator's kill would. */
	public void kill() throws InterruptedException {
		if (this.process != null) {
			this.process.destroyForcibly();
			this.process.waitFor();
			this.process = null;
		}
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

	private void awaitHealthy(Path log) throws IOException, InterruptedException {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
		if (this.tls != null) {
			builder.sslContext(this.tls);
		}
		HttpClient client = builder.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("storage exited: " + Files.readString(log));
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
			Thread.sleep(100);
		}
		throw new IllegalStateException("storage did not become ready: " + Files.readString(log));
	}

	private static Path jar() throws IOException {
		Path target = Path.of("..", "storage-service", "target").toAbsolutePath().normalize();
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((f) -> f.getFileName().toString().matches("storage-service-.*\\.jar"))
				.findFirst()
				.orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("no storage-service jar in " + target
					+ ": build it first (mvn -B verify builds it before the agent)", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
