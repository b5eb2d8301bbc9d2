package dev.gathercopy.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

import org.springframework.stereotype.Component;

/**
 * The storage root on disk: maps {@link StoragePath}s to files below it without ever following a symbolic link, and
 * holds the service's own folder ({@value StoragePath#INTERNAL}) for staged files, handles and locks.
 */
@Component
public class StorageRoot {

	private final Path root;

	private final Path internal;

	StorageRoot(StorageProperties properties) throws IOException {
		Files.createDirectories(properties.root());
		this.root = properties.root().toRealPath();
		this.internal = this.root.resolve(StoragePath.INTERNAL);
		Files.createDirectories(this.internal.resolve("uploads"));
	}

	public Path root() {
		return this.root;
	}

	/** A folder or file of the service's own state, below the internal folder. */
	public Path internal(String name) {
		return this.internal.resolve(name);
	}

	/** The file for a path, whose existing ancestors are checked to be real folders, not links. */
	public Path resolve(StoragePath path) throws IOException {
		return walk(path, false);
	}

	/** The file for a path, creating its missing ancestor folders (never through a link). */
	public Path resolveCreatingParents(StoragePath path) throws IOException {
		return walk(path, true);
	}

	private Path walk(StoragePath path, boolean create) throws IOException {
		String[] segments = path.value().split("/");
		Path current = this.root;
		boolean exists = true;
		for (int i = 0; i < segments.length - 1; i++) {
			current = current.resolve(segments[i]);
			if (!exists) {
				continue;
			}
			BasicFileAttributes attributes = attributesOrNull(current);
			if (attributes == null && create) {
				try {
					Files.createDirectory(current);
					syncDirectory(current.getParent());
					continue;
				}
				catch (FileAlreadyExistsException ex) {
					attributes = attributesOrNull(current);
				}
			}
			if (attributes == null) {
				exists = false;
			}
			else if (attributes.isSymbolicLink()) {
				throw new StorageException(ProblemKind.INVALID_PATH, "path crosses a symbolic link").with("path",
						path.value());
			}
			else if (!attributes.isDirectory()) {
				if (create) {
					throw new StorageException(ProblemKind.INVALID_PATH,
							"'" + this.root.relativize(current) + "' is a file, not a folder")
						.with("path", path.value());
				}
				exists = false;
			}
		}
		return current.resolve(segments[segments.length - 1]);
	}

	/** Flushes a folder's entries to disk, so that a rename or removal in it survives a crash. */
	public static void syncDirectory(Path directory) throws IOException {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
	}

	private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
		try {
			return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

}
