package dev.gathercopy.agent;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent run as a separate process from the test classpath (its jar is only packaged after the tests), on a fixed
 * port and workspace, so that a test can kill it and start it again on the same working copies.
 */
public final class AgentProcess extends ServiceProcess {

	private final Path workspace;

	private final URI storage;

	private final List<String> arguments;

	public AgentProcess(Path workspace, URI storage, String... arguments) throws IOException {
		super(workspace.resolveSibling(workspace.getFileName() + "-agent.log"));
		this.workspace = workspace;
		this.storage = storage;
		this.arguments = List.of(arguments);
	}

	public AgentProcess start() throws IOException, InterruptedException {
		launch();
		return this;
	}

	public Path workspace() {
		return this.workspace;
	}

	@Override
	protected List<String> command(int port) {
		List<String> command = new ArrayList<>();
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(AgentApplication.class.getName());
		command.add("--server.port=" + port);
		command.add("--agent.workspace=" + this.workspace);
		command.add("--agent.storage.url=" + this.storage);
		command.add("--spring.main.banner-mode=off");
		command.addAll(this.arguments);
		return command;
	}

}
