package dev.gathercopy.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real storage service, run from its built jar as a separate process on a fixed port and root, so that a test can
 * stop, kill and restart it. The reactor builds storage-service before the agent, so its jar is there in
 * {@code mvn verify}.
 */
public final class StorageProcess extends ServiceProcess {

	private final Path root;

	private final List<String> arguments;

	public StorageProcess(Path root, String... arguments) throws IOException {
		super(root.resolveSibling(root.getFileName() + "-storage.log"));
		this.root = root;
		this.arguments = List.of(arguments);
	}

	/**
	 * Starts storage with its root at {@code dir/storage} and points the agent under test at it, with its workspace at
	 * {@code dir/agent}.
	 */
	public static StorageProcess startFor(DynamicPropertyRegistry registry, Path dir, String... arguments)
			throws IOException, InterruptedException {
		StorageProcess storage = new StorageProcess(dir.resolve("storage"), arguments).start();
		registry.add("agent.storage.url", () -> storage.url().toString());
		registry.add("agent.workspace", () -> dir.resolve("agent").toString());
		return storage;
	}

	public StorageProcess start() throws IOException, InterruptedException {
		launch();
		return this;
	}

	public Path root() {
		return this.root;
	}

	/** Makes the process an https one: its arguments name the server's SSL bundle, {@code trust} trusts its certificate. */
	public StorageProcess tls(SSLContext trust) {
		useTls(trust);
		return this;
	}

	@Override
	protected List<String> command(int port) throws IOException {
		List<String> command = new ArrayList<>();
		command.add("-jar");
		command.add(jar().toString());
		command.add("--server.port=" + port);
		command.add("--storage.root=" + this.root);
		command.add("--spring.main.banner-mode=off");
		command.addAll(this.arguments);
		return command;
	}

	private static Path jar() {
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

}
