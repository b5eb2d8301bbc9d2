package dev.gathercopy.storage.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The hard links the service makes itself: a read handle pins a version by linking it into its own folder, and records
 * the pin here first ({@code pins/<inode>/<handle>}). A regular file in the root is served only while every link beyond
 * its own name is such a pin, so a hard link planted in the root to a file outside it is never read through the API.
 */
@Component
public class Pins {

	private static final int ATTEMPTS = 5;

	private final Path folder;

	Pins(StorageRoot root) throws IOException {
		this.folder = Files.createDirectories(root.internal("pins"));
	}

	/** Records a pin of the inode by a handle, before the link is made. */
	public void add(long inode, String handle) throws IOException {
		Path dir = this.folder.resolve(Long.toString(inode));
		Path pin = dir.resolve(handle);
		while (true) {
			try {
				Files.createDirectory(dir);
			}
			catch (FileAlreadyExistsException ex) {
				// pinned by other handles too
			}
			try {
				Files.createFile(pin);
				return;
			}
			catch (FileAlreadyExistsException ex) {
				return;
			}
			catch (NoSuchFileException ex) {
				// the folder was removed with its last pin in between: make it again
			}
		}
	}

	/** Forgets a pin, after its link is gone. */
	public void remove(long inode, String handle) throws IOException {
		Path dir = this.folder.resolve(Long.toString(inode));
		Files.deleteIfExists(dir.resolve(handle));
		try {
			Files.deleteIfExists(dir);
		}
		catch (DirectoryNotEmptyException ex) {
			// other handles still pin it
		}
	}

	/**
	 * The stat of a regular file whose every link beyond its own name is a recorded pin; empty for any other file.
	 * Pins are recorded before their link is made and forgotten after it is gone, so counting them before and after
	 * reading the links, and taking the larger count, never sees fewer pins than links while pins come and go; a
	 * mismatch left by several of them at once is read again after a short pause.
	 */
	public Optional<FileStat> servable(Path file, Optional<FileStat> stat) throws IOException {
		for (int attempt = 1; stat.isPresent(); attempt++) {
			if (stat.get().links() <= 1) {
				return stat;
			}
			long inode = stat.get().inode();
			int before = count(inode);
			Optional<FileStat> now = FileStat.read(file);
			if (now.isPresent() && now.get().inode() == inode
					&& now.get().links() - 1 <= Math.max(before, count(inode))) {
				return now;
			}
			if (attempt == ATTEMPTS) {
				break;
			}
			pause(attempt);
			stat = FileStat.read(file);
		}
		return Optional.empty();
	}

	private static void pause(int attempt) throws IOException {
		try {
			Thread.sleep(attempt);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while reading the links of a file");
		}
	}

	private int count(long inode) throws IOException {
		int pins = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.folder.resolve(Long.toString(inode)))) {
			for (Path ignored : entries) {
				pins++;
			}
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
		return pins;
	}

}
