package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.gathercopy.agent.config.AgentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The agent's folder on disk: one folder per working copy with its {@code state.json}, its base (the remote version it
 * was checked out from), its working file under {@code work/}, and its edit log.
 */
@Component
class Workspace {

	private static final Logger log = LoggerFactory.getLogger(Workspace.class);

	private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

	private final Path root;

	private final JsonMapper json;

	private final SecureRandom random = new SecureRandom();

	Workspace(AgentProperties properties, JsonMapper json) throws IOException {
		Files.createDirectories(properties.workspace());
		this.root = properties.workspace().toRealPath();
		this.json = json;
	}

	String newId() throws IOException {
		while (true) {
			byte[] bytes = new byte[8];
			this.random.nextBytes(bytes);
			String id = HexFormat.of().formatHex(bytes);
			try {
				Files.createDirectory(dir(id));
				Files.createDirectory(dir(id).resolve("work"));
				return id;
			}
			catch (java.nio.file.FileAlreadyExistsException ex) {
				// taken: draw again
			}
		}
	}

	boolean isId(String id) {
		return id != null && ID.matcher(id).matches();
	}

	Path dir(String id) {
		return this.root.resolve(id);
	}

	Path base(String id) {
		return dir(id).resolve("base");
	}

	/** The working file: named like the remote file, so tools that look at names see the right one. */
	Path work(String id, String remotePath) {
		return dir(id).resolve("work").resolve(remotePath.substring(remotePath.lastIndexOf('/') + 1));
	}

	Path editLog(String id) {
		return dir(id).resolve("edits");
	}

	Path addBuffer(String id) {
		return dir(id).resolve("adds");
	}

	/** The plan of the last push that may have landed, see {@link PushedPlan}. */
	Path pushedPlan(String id) {
		return dir(id).resolve("pushed-plan");
	}

	/** The literal bytes of that push as they were sent, in plan order. */
	Path pushedLiterals(String id) {
		return dir(id).resolve("pushed-literals");
	}

	/** A scratch file in a working copy's folder, for content that replaces another file by a rename. */
	Path scratch(String id, String name) {
		return dir(id).resolve("." + name + ".tmp");
	}

	/** The undo record of an in-place PATCH under way, or empty when none is. */
	Optional<InPlaceUndo> loadUndo(String id) throws IOException {
		try {
			return Optional.of(this.json.readValue(Files.readAllBytes(dir(id).resolve("undo.json")),
					InPlaceUndo.class));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	/** Writes an undo record whole (to a temporary file renamed into place), or not at all. */
	void saveUndo(String id, InPlaceUndo undo) throws IOException {
		Path temporary = dir(id).resolve("undo.json.tmp");
		Files.write(temporary, this.json.writeValueAsBytes(undo));
		Files.move(temporary, dir(id).resolve("undo.json"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	void deleteUndo(String id) throws IOException {
		Files.deleteIfExists(dir(id).resolve("undo.json"));
	}

	Optional<WorkingCopyState> load(String id) throws IOException {
		if (!isId(id)) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.json.readValue(Files.readAllBytes(dir(id).resolve("state.json")),
					WorkingCopyState.class));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	void save(WorkingCopyState state) throws IOException {
		Path temporary = dir(state.id()).resolve("state.json.tmp");
		Files.write(temporary, this.json.writeValueAsBytes(state));
		Files.move(temporary, dir(state.id()).resolve("state.json"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

	List<WorkingCopyState> all() throws IOException {
		List<WorkingCopyState> states = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(this.root)) {
			for (Path dir : dirs) {
				try {
					load(dir.getFileName().toString()).ifPresent(states::add);
				}
				catch (RuntimeException ex) {
					log.warn("Skipping unreadable working copy {}: {}", dir, ex.getMessage());
				}
			}
		}
		states.sort(Comparator.comparing(WorkingCopyState::path).thenComparing(WorkingCopyState::id));
		return states;
	}

	void delete(String id) throws IOException {
		Path dir = dir(id);
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
