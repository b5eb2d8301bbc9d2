package dev.gathercopy.storage.handle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.file.FileStat;
import dev.gathercopy.storage.file.FileStore;
import dev.gathercopy.storage.file.Locks;
import dev.gathercopy.storage.file.Pins;
import dev.gathercopy.storage.file.Precondition;
import dev.gathercopy.storage.file.StoragePath;
import dev.gathercopy.storage.file.StorageRoot;
import dev.gathercopy.web.problem.DiskFull;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Handles kept on disk under the storage root, one folder each ({@code handle.json} and {@code data}), so that they
 * survive restarts and any instance sharing the root can serve them. A handle's last use is the modification time of
 * its {@code handle.json}; idle ones expire after the configured TTL.
 */
@Component
public class HandleStore {

	private static final Logger log = LoggerFactory.getLogger(HandleStore.class);

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

	private static final String META = "handle.json";

	private static final String DATA = "data";

	private final SecureRandom random = new SecureRandom();

	private final StorageRoot root;

	private final Locks locks;

	private final Pins pins;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration ttl;

	private final int maxOpen;

	private final Path folder;

	/** Handles opened through this instance and not known to be committed, closed or expired (by any instance). */
	private final Set<String> opened = ConcurrentHashMap.newKeySet();

	/** Handles being opened through this instance, not yet on disk. */
	private final Set<String> opening = ConcurrentHashMap.newKeySet();

	HandleStore(StorageRoot root, Locks locks, Pins pins, JsonMapper json, StorageProperties properties,
			MeterRegistry meters, Optional<Clock> clock) throws IOException {
		this.root = root;
		this.locks = locks;
		this.pins = pins;
		this.json = json;
		this.clock = clock.orElse(Clock.systemUTC());
		this.ttl = properties.handles().ttl();
		this.maxOpen = properties.limits().maxOpenHandles();
		this.folder = Files.createDirectories(root.internal("handles"));
		this.opened.addAll(openOnDisk());
		Gauge.builder("gathercopy.handles.open", this, HandleStore::openCount)
			.description("Handles open (not yet committed, closed or expired)")
			.register(meters);
	}

	/** The lock key that serializes every use of one handle. */
	public static String lockKey(String id) {
		return "handle:" + id;
	}

	/** Takes the locks of the given handles together. */
	public Locks.Held lock(String... ids) {
		return this.locks.lock(Stream.of(ids).map(HandleStore::lockKey).toArray(String[]::new));
	}

	/** Opens a handle: pins the current version for reading, or stages a new empty file for writing. */
	public Handle open(Caller caller, StoragePath path, HandleMode mode, Precondition precondition)
			throws IOException {
		caller.checkAccess(path);
		Path target = this.root.resolve(path);
		String id = newId();
		reserveSlot(id);
		Path dir = this.folder.resolve(id);
		boolean done = false;
		try {
			Files.createDirectory(dir);
			Handle handle = (mode == HandleMode.READ) ? pinForReadLocked(id, caller, path, target, dir, precondition)
					: stageForWrite(id, caller, path, target, dir, precondition);
			writeMeta(handle);
			this.opened.add(id);
			done = true;
			return handle;
		}
		finally {
			this.opening.remove(id);
			if (!done) {
				removeDir(dir, id);
			}
		}
	}

	/**
	 * Loads a handle of the caller's and marks it used; the caller holds its lock. Unknown, forged, foreign or (unless
	 * {@code consumedToo}) committed or committing handles are 404; idle ones past the TTL are removed and answer 410.
	 */
	public Handle get(String id, Caller caller, boolean consumedToo) throws IOException {
		if (id == null || !ID.matcher(id).matches()) {
			throw notFound(id);
		}
		Path meta = this.folder.resolve(id).resolve(META);
		Handle handle;
		FileTime lastUse;
		try {
			lastUse = Files.getLastModifiedTime(meta, LinkOption.NOFOLLOW_LINKS);
			handle = this.json.readValue(Files.readAllBytes(meta), Handle.class);
		}
		catch (NoSuchFileException ex) {
			throw notFound(id);
		}
		if (!handle.owner().equals(caller.name())) {
			throw notFound(id);
		}
		if (lastUse.toInstant().plus(this.ttl).isBefore(this.clock.instant())) {
			remove(handle);
			throw new StorageException(ProblemKind.HANDLE_EXPIRED, "handle " + id + " was idle for longer than "
					+ this.ttl).with("handle", id);
		}
		if (handle.state() != Handle.State.OPEN && !consumedToo) {
			throw notFound(id);
		}
		caller.checkAccess(handle.storagePath());
		Files.setLastModifiedTime(meta, FileTime.from(this.clock.instant()));
		return handle;
	}

	/** Loads an open write handle, or throws 403 for a read handle. */
	public Handle getWritable(String id, Caller caller) throws IOException {
		Handle handle = get(id, caller, false);
		if (!handle.isWrite()) {
			throw new StorageException(ProblemKind.READ_ONLY_HANDLE, "handle " + id + " is a read handle")
				.with("handle", id);
		}
		return handle;
	}

	public HandleInfo info(Handle handle) throws IOException {
		long size = switch (handle.state()) {
			case OPEN -> size(handle);
			case COMMITTING, COMMITTED -> handle.landing().size();
		};
		return new HandleInfo(handle.id(), handle.path(), handle.mode(), size, handle.version(),
				this.clock.instant().plus(this.ttl));
	}

	/** The bytes a handle reads: its staged file, or its pinned version (412 if that version is gone). */
	public FileChannel openForRead(Handle handle) throws IOException {
		if (handle.isWrite() || handle.pinned()) {
			return FileChannel.open(data(handle), StandardOpenOption.READ);
		}
		Path target = this.root.resolve(handle.storagePath());
		Optional<FileStat> pinned = this.pins.servable(target, FileStat.read(target))
			.filter((stat) -> stat.version().equals(handle.version()));
		if (pinned.isPresent()) {
			try {
				FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
				if (FileStat.read(target).filter(pinned.get()::sameVersion).isPresent()) {
					return channel;
				}
				channel.close();
			}
			catch (NoSuchFileException ex) {
				// gone, as below
			}
		}
		throw new StorageException(ProblemKind.VERSION_GONE, "version " + handle.version() + " of '"
				+ handle.path() + "' is no longer there").with("handle", handle.id());
	}

	/** The staged file of a write handle. */
	public Path data(Handle handle) {
		return this.folder.resolve(handle.id()).resolve(DATA);
	}

	public long size(Handle handle) throws IOException {
		if (handle.isWrite() || handle.pinned()) {
			return Files.size(data(handle));
		}
		try (FileChannel channel = openForRead(handle)) {
			return channel.size();
		}
	}

	/**
	 * Settles a write into a handle's staged file that failed: when the volume is full, the staged file is cut back to
	 * the size it had before the request, so the failed request holds no space, and a 507 is returned to throw; any
	 * other failure is rethrown as it is.
	 */
	public StorageException failedWrite(Handle handle, long sizeBefore, IOException failure) throws IOException {
		if (!DiskFull.is(failure)) {
			throw failure;
		}
		try (FileChannel staged = FileChannel.open(data(handle), StandardOpenOption.WRITE)) {
			if (staged.size() > sizeBefore) {
				staged.truncate(sizeBefore);
			}
		}
		return new StorageException(ProblemKind.INSUFFICIENT_STORAGE, "the storage volume is full; handle "
				+ handle.id() + " is back to its " + sizeBefore + " bytes from before this request, and the ranges "
				+ "the request wrote must be written again").with("handle", handle.id()).with("size", sizeBefore);
	}

	/** Adds a request's work to a write handle's counters. */
	public void record(Handle handle, long regions, long bytesCopied, long bytesWritten) throws IOException {
		writeMeta(handle.plus(regions, bytesCopied, bytesWritten));
	}

	/** The path a handle names, read without any check, so that its lock can be taken with the handle's. */
	public Optional<StoragePath> peekPath(String id) throws IOException {
		if (id == null || !ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return readMeta(this.folder.resolve(id)).map(Handle::storagePath);
	}

	/** A scratch file in a handle's folder, removed with the handle. */
	public Path scratch(Handle handle, String name) {
		return this.folder.resolve(handle.id()).resolve("scratch-" + name);
	}

	/** Records, before the rename, the file a commit is about to land. */
	public void markCommitting(Handle handle, FileInfo landing) throws IOException {
		writeMeta(handle.withState(Handle.State.COMMITTING, landing));
	}

	/** Records a landed commit; the handle then only answers repeats of its commit, until it expires. */
	public Handle markCommitted(Handle handle, FileInfo landed) throws IOException {
		Handle committed = handle.withState(Handle.State.COMMITTED, landed);
		writeMeta(committed);
		this.opened.remove(handle.id());
		return committed;
	}

	/** Closes a handle and removes its staged data; the caller holds its lock. */
	public void remove(Handle handle) throws IOException {
		removeDir(this.folder.resolve(handle.id()), handle.id());
		this.opened.remove(handle.id());
	}

	/** Removes the handles idle for longer than the TTL; returns how many. */
	public int sweep() throws IOException {
		Instant idleSince = this.clock.instant().minus(this.ttl);
		int removed = 0;
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(this.folder)) {
			for (Path dir : dirs) {
				String id = dir.getFileName().toString();
				try (Locks.Held held = lock(id)) {
					if (isIdle(dir, idleSince)) {
						Optional<Handle> handle = readMeta(dir);
						if (handle.isPresent()) {
							remove(handle.get());
						}
						else {
							removeDir(dir, id);
						}
						removed++;
					}
				}
			}
		}
		settleOpened();
		return removed;
	}

	/** Handles opened through this instance that are still open, or being opened. */
	public int openCount() {
		return this.opened.size() + this.opening.size();
	}

	/**
	 * Pins under the path's lock, so that no commit, upload or delete renames another file over the name between the
	 * pin's record and its link (which would leave, for a moment, a link no pin accounts for, and the file unservable).
	 */
	private Handle pinForReadLocked(String id, Caller caller, StoragePath path, Path target, Path dir,
			Precondition precondition) throws IOException {
		try (Locks.Held held = this.locks.lock(FileStore.lockKey(path))) {
			return pinForRead(id, caller, path, target, dir, precondition);
		}
	}

	/**
	 * Pins the current version by a hard link, recorded in {@link Pins} before it is made; never links anything but a
	 * regular file, and refuses one with links the service did not make. The caller holds the path's lock, so the name
	 * links the inode that was recorded.
	 */
	private Handle pinForRead(String id, Caller caller, StoragePath path, Path target, Path dir,
			Precondition precondition) throws IOException {
		Path data = dir.resolve(DATA);
		FileStat current = FileStat.read(target).orElseThrow(() -> fileNotFound(path));
		this.pins.add(current.inode(), id);
		boolean pinned;
		try {
			Files.createLink(data, target);
			pinned = true;
		}
		catch (NoSuchFileException ex) {
			this.pins.remove(current.inode(), id);
			throw fileNotFound(path);
		}
		catch (IOException | UnsupportedOperationException ex) {
			this.pins.remove(current.inode(), id);
			pinned = false;
		}
		Path read = pinned ? data : target;
		Optional<FileStat> stat = FileStat.read(read);
		FileInfo info = this.pins.servable(read, stat).map((found) -> found.info(path))
			.orElseThrow(() -> fileNotFound(path));
		precondition.check(Optional.of(info));
		return new Handle(id, path.value(), HandleMode.READ, info.version(), caller.name(), pinned,
				this.clock.instant(), Handle.State.OPEN, null, 0, 0, 0);
	}

	private Handle stageForWrite(String id, Caller caller, StoragePath path, Path target, Path dir,
			Precondition precondition) throws IOException {
		Optional<FileInfo> current = FileStat.read(target).map((stat) -> stat.info(path));
		precondition.check(current);
		Files.createFile(dir.resolve(DATA));
		return new Handle(id, path.value(), HandleMode.WRITE, current.map(FileInfo::version).orElse(null),
				caller.name(), false, this.clock.instant(), Handle.State.OPEN, null, 0, 0, 0);
	}

	private synchronized void reserveSlot(String id) throws IOException {
		if (openCount() >= this.maxOpen) {
			settleOpened();
		}
		if (openCount() >= this.maxOpen) {
			throw new StorageException(ProblemKind.TOO_MANY_HANDLES, "at most " + this.maxOpen
					+ " handles may be open; close or commit some first").with("maxOpenHandles", this.maxOpen);
		}
		this.opening.add(id);
	}

	/** Forgets the handles opened here that another instance sharing the root has since committed or closed. */
	private void settleOpened() throws IOException {
		for (String id : this.opened) {
			if (readMeta(this.folder.resolve(id)).filter((handle) -> handle.state() != Handle.State.COMMITTED)
				.isEmpty()) {
				this.opened.remove(id);
			}
		}
	}

	private void writeMeta(Handle handle) throws IOException {
		Path dir = this.folder.resolve(handle.id());
		Path temporary = dir.resolve(META + ".tmp");
		Files.write(temporary, this.json.writeValueAsBytes(handle));
		Files.setLastModifiedTime(temporary, FileTime.from(this.clock.instant()));
		Files.move(temporary, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private Optional<Handle> readMeta(Path dir) throws IOException {
		try {
			return Optional.of(this.json.readValue(Files.readAllBytes(dir.resolve(META)), Handle.class));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			log.warn("Unreadable handle state in {}: {}", dir, ex.getMessage());
			return Optional.empty();
		}
	}

	private boolean isIdle(Path dir, Instant idleSince) throws IOException {
		Path meta = dir.resolve(META);
		Path stamped = Files.exists(meta, LinkOption.NOFOLLOW_LINKS) ? meta : dir;
		try {
			return Files.getLastModifiedTime(stamped, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(idleSince);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

	private Set<String> openOnDisk() throws IOException {
		Set<String> ids = new HashSet<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(this.folder)) {
			for (Path dir : dirs) {
				if (readMeta(dir).filter((handle) -> handle.state() != Handle.State.COMMITTED).isPresent()) {
					ids.add(dir.getFileName().toString());
				}
			}
		}
		return ids;
	}

	private String newId() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Removes a handle's folder, then the pin its data recorded, if any. */
	private void removeDir(Path dir, String id) throws IOException {
		Optional<FileStat> data = FileStat.read(dir.resolve(DATA));
		deleteTree(dir);
		if (data.isPresent()) {
			this.pins.remove(data.get().inode(), id);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static StorageException notFound(String id) {
		return new StorageException(ProblemKind.HANDLE_NOT_FOUND, "no open handle " + id).with("handle", id);
	}

	private static StorageException fileNotFound(StoragePath path) {
		return new StorageException(ProblemKind.FILE_NOT_FOUND, "no file at '" + path + "'").with("path",
				path.value());
	}

}
