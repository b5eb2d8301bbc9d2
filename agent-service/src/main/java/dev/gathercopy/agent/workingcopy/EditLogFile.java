package dev.gathercopy.agent.workingcopy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.gathercopy.agent.plan.EditLog;
import dev.gathercopy.agent.plan.FileAddBuffer;

/** A working copy's edit log on disk: the pieces in one file, the added bytes in another. */
final class EditLogFile implements Closeable {

	private final Path pieces;

	private final FileAddBuffer added;

	private final EditLog editLog;

	private EditLogFile(Path pieces, FileAddBuffer added, EditLog editLog) {
		this.pieces = pieces;
		this.added = added;
		this.editLog = editLog;
	}

	/** Loads the edit log, or starts an empty one over a base of {@code baseSize} bytes. */
	static EditLogFile open(Path pieces, Path addedBytes, long baseSize) throws IOException {
		FileAddBuffer added = FileAddBuffer.open(addedBytes);
		try {
			EditLog log;
			try (InputStream in = new BufferedInputStream(Files.newInputStream(pieces))) {
				log = EditLog.readFrom(in, added);
			}
			catch (NoSuchFileException ex) {
				log = new EditLog(baseSize, added);
			}
			return new EditLogFile(pieces, added, log);
		}
		catch (IOException | RuntimeException ex) {
			added.close();
			throw ex;
		}
	}

	EditLog editLog() {
		return this.editLog;
	}

	/** Makes the added bytes durable, then replaces the pieces file atomically. */
	void save() throws IOException {
		this.added.force();
		Path temporary = this.pieces.resolveSibling(this.pieces.getFileName() + ".tmp");
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
			this.editLog.writeTo(out);
		}
		Files.move(temporary, this.pieces, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() throws IOException {
		this.added.close();
	}

}
