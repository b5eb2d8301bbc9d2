package dev.gathercopy.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

import org.springframework.stereotype.Component;

/** The visible files under the storage root: reads, atomic replaces, deletes and sorted listings. */
@Component
public class FileStore {

	private static final int STREAM_BUFFER = 1 << 20;

	private final StorageRoot root;

	private final Locks locks;

	private final Pins pins;

	private final long maxFileSize;

	private final AtomicLong lastStampNanos = new AtomicLong();

	FileStore(StorageRoot root, Locks locks, Pins pins, StorageProperties properties) {
		this.root = root;
		this.locks = locks;
		this.pins = pins;
		this.maxFileSize = properties.limits().maxFileSize().toBytes();
	}

	/** The lock key that serializes replaces of one path. */
	public static String lockKey(StoragePath path) {
		return "path:" + path.value();
	}

	public Optional<FileInfo> find(StoragePath path) throws IOException {
		return FileStat.read(this.root.resolve(path)).map((stat) -> stat.info(path));
	}

	public FileInfo get(StoragePath path) throws IOException {
		return find(path).orElseThrow(() -> notFound(path));
	}

	/**
	 * Opens the current version for reading; the info names exactly the bytes the channel reads. Only a regular file
	 * whose extra links are all pins is opened: anything else (a FIFO, a device, a link planted from outside) is 404.
	 */
	public OpenFile open(StoragePath path) throws IOException {
		Path file = this.root.resolve(path);
		while (true) {
			FileStat before = this.pins.servable(file, FileStat.read(file)).orElseThrow(() -> notFound(path));
			FileChannel channel;
			try {
				channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
			}
			catch (NoSuchFileException ex) {
				continue;
			}
			if (FileStat.read(file).filter(before::sameVersion).isPresent()) {
				return new OpenFile(channel, before.info(path));
			}
			channel.close();
		}
	}

	/** Streams a whole new content into place, atomically, if the precondition holds. */
	public Replaced put(StoragePath path, InputStream body, Precondition precondition) throws IOException {
		this.root.resolve(path);
		precondition.check(find(path));
		Path staged = newStagedFile();
		try {
			try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
				write(channel, 0, body, Long.MAX_VALUE, this.maxFileSize);
				channel.force(true);
			}
			try (Locks.Held held = this.locks.lock(lockKey(path))) {
				return replace(path, staged, precondition, (info) -> {
				});
			}
		}
		finally {
			Files.deleteIfExists(staged);
		}
	}

	/** Told the stamped info of a file about to land, before the rename. */
	@FunctionalInterface
	public interface BeforeRename {

		void accept(FileInfo landing) throws IOException;

	}

	/**
	 * Moves a complete, synced staged file into place if the precondition holds, stamping it with a new version first
	 * and telling that version to {@code beforeRename}. The caller holds the path's lock.
	 */
	public Replaced replace(StoragePath path, Path staged, Precondition precondition, BeforeRename beforeRename)
			throws IOException {
		if (!this.locks.isHeldByCurrentThread(lockKey(path))) {
			throw new IllegalStateException("replace needs the lock of " + path);
		}
		Path target = this.root.resolveCreatingParents(path);
		Optional<FileInfo> current = FileStat.read(target).map((stat) -> stat.info(path));
		precondition.check(current);
		if (current.isEmpty() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
			throw new StorageException(ProblemKind.INVALID_PATH, "'" + path + "' is a folder").with("path",
					path.value());
		}
		FileStat stamped = stamp(staged, current);
		beforeRename.accept(stamped.info(path));
		Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		StorageRoot.syncDirectory(target.getParent());
		return new Replaced(stamped.info(path), current.isEmpty());
	}

	public void delete(StoragePath path, Precondition precondition) throws IOException {
		try (Locks.Held held = this.locks.lock(lockKey(path))) {
			Path target = this.root.resolve(path);
			FileInfo current = FileStat.read(target).map((stat) -> stat.info(path)).orElseThrow(() -> notFound(path));
			precondition.check(Optional.of(current));
			Files.delete(target);
			StorageRoot.syncDirectory(target.getParent());
		}
	}

	/** Lists files whose path starts with {@code prefix}, sorted as plain strings, after the cursor. */
	public Listing list(String prefix, String after, int limit) throws IOException {
		List<FileInfo> page = new ArrayList<>();
		collect(this.root.root(), "", prefix, after, limit + 1, page);
		if (page.size() <= limit) {
			return new Listing(page, null);
		}
		List<FileInfo> files = List.copyOf(page.subList(0, limit));
		return new Listing(files, files.get(limit - 1).path());
	}

	/** A new empty file in the internal uploads folder, on the same filesystem as the files it will replace. */
	public Path newStagedFile() throws IOException {
		return Files.createFile(this.root.internal("uploads").resolve(UUID.randomUUID().toString()));
	}

	/** Removes uploads left behind (by a crash or a dropped connection) that nobody wrote to since the cut-off. */
	public int sweepUploads(Instant idleSince) throws IOException {
		int removed = 0;
		try (DirectoryStream<Path> uploads = Files.newDirectoryStream(this.root.internal("uploads"))) {
			for (Path upload : uploads) {
				if (Files.getLastModifiedTime(upload, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(idleSince)
						&& Files.deleteIfExists(upload)) {
					removed++;
				}
			}
		}
		return removed;
	}

	/**
	 * Streams a body into a channel at a position, refusing (413) more than {@code maxBytes} or to grow the file past
	 * {@code maxEnd}; returns the number of bytes written.
	 */
	public static long write(FileChannel channel, long position, InputStream body, long maxBytes, long maxEnd)
			throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(STREAM_BUFFER);
		long written = 0;
		int n;
		while ((n = body.read(buffer.array(), buffer.position(), buffer.remaining())) >= 0) {
			buffer.position(buffer.position() + n);
			if (written + buffer.position() > maxBytes) {
				throw new StorageException(ProblemKind.REQUEST_TOO_LARGE, "the body is longer than " + maxBytes
						+ " bytes").with("maxBytesPerRequest", maxBytes);
			}
			if (position + written + buffer.position() > maxEnd) {
				throw new StorageException(ProblemKind.FILE_TOO_LARGE, "the body would take the file past "
						+ maxEnd + " bytes").with("maxFileSize", maxEnd);
			}
			if (!buffer.hasRemaining()) {
				written += drain(channel, buffer, position + written);
			}
		}
		return written + drain(channel, buffer, position + written);
	}

	private static int drain(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		buffer.flip();
		int length = buffer.remaining();
		while (buffer.hasRemaining()) {
			channel.write(buffer, position + length - buffer.remaining());
		}
		buffer.clear();
		return length;
	}

	private FileStat stamp(Path staged, Optional<FileInfo> current) throws IOException {
		long floor = current.map((info) -> toNanos(info.modifiedAt()) + 1000).orElse(0L);
		long nanos = this.lastStampNanos.accumulateAndGet(Math.max(toNanos(Instant.now()), floor),
				(last, proposed) -> Math.max(last + 1000, proposed));
		while (true) {
			Files.setLastModifiedTime(staged, FileTime.from(nanos, TimeUnit.NANOSECONDS));
			FileStat stat = FileStat.read(staged).orElseThrow(() -> new NoSuchFileException(staged.toString()));
			if (current.isEmpty() || !stat.version().equals(current.get().version())) {
				return stat;
			}
			nanos += TimeUnit.SECONDS.toNanos(1);
		}
	}

	private void collect(Path dir, String relative, String prefix, String after, int wanted, List<FileInfo> out)
			throws IOException {
		Map<String, Path> children = new TreeMap<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (relative.isEmpty() && name.equals(StoragePath.INTERNAL)) {
					continue;
				}
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				}
				catch (NoSuchFileException ex) {
					continue;
				}
				if (attributes.isDirectory()) {
					children.put(relative + name + "/", entry);
				}
				else if (attributes.isRegularFile()) {
					children.put(relative + name, entry);
				}
			}
		}
		for (Map.Entry<String, Path> child : children.entrySet()) {
			if (out.size() >= wanted) {
				return;
			}
			String key = child.getKey();
			if (key.endsWith("/")) {
				boolean matchesPrefix = key.startsWith(prefix) || prefix.startsWith(key);
				boolean pastCursor = after == null || after.compareTo(key) < 0 || after.startsWith(key);
				if (matchesPrefix && pastCursor) {
					collect(child.getValue(), key, prefix, after, wanted, out);
				}
			}
			else if (key.startsWith(prefix) && (after == null || key.compareTo(after) > 0)) {
				try {
					StoragePath path = StoragePath.of(key);
					this.pins.servable(child.getValue(), FileStat.read(child.getValue()))
						.ifPresent((stat) -> out.add(stat.info(path)));
				}
				catch (StorageException ex) {
					// a name no client could have written (made on the disk directly) is not listed
				}
			}
		}
	}

	private static long toNanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}

	private static StorageException notFound(StoragePath path) {
		return new StorageException(ProblemKind.FILE_NOT_FOUND, "no file at '" + path + "'").with("path",
				path.value());
	}

}
