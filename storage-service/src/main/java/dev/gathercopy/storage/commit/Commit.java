package dev.gathercopy.storage.commit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.gathercopy.storage.auth.Caller;
import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.file.FileStore;
import dev.gathercopy.storage.file.Locks;
import dev.gathercopy.storage.file.Precondition;
import dev.gathercopy.storage.file.Replaced;
import dev.gathercopy.storage.file.StoragePath;
import dev.gathercopy.storage.handle.Handle;
import dev.gathercopy.storage.handle.HandleStore;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Lands a write handle's staged file: verifies it, syncs it, and renames it over its path if the precondition holds.
 * A landed commit is remembered, so that repeating it answers the same file.
 */
@Service
class Commit {

	private static final Logger log = LoggerFactory.getLogger(Commit.class);

	private final HandleStore handles;

	private final FileStore files;

	private final Locks locks;

	private final Timer latency;

	Commit(HandleStore handles, FileStore files, Locks locks, MeterRegistry meters) {
		this.handles = handles;
		this.files = files;
		this.locks = locks;
		this.latency = Timer.builder("gathercopy.commit.duration")
			.description("Time to verify, sync and land a staged file")
			.publishPercentileHistogram()
			.register(meters);
	}

	FileInfo commit(Caller caller, String id, Precondition precondition, CommitRequest expected) throws IOException {
		long started = System.nanoTime();
		StoragePath path = this.handles.peekPath(id).orElseThrow(() -> new StorageException(
				ProblemKind.HANDLE_NOT_FOUND, "no open handle " + id).with("handle", id));
		try (Locks.Held held = this.locks.lock(HandleStore.lockKey(id), FileStore.lockKey(path))) {
			Handle handle = this.handles.get(id, caller, true);
			if (!handle.isWrite()) {
				throw new StorageException(ProblemKind.READ_ONLY_HANDLE, "handle " + id + " is a read handle")
					.with("handle", id);
			}
			Optional<FileInfo> landed = landedAlready(handle);
			if (landed.isPresent()) {
				return landed.get();
			}
			Path staged = this.handles.data(handle);
			try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
				verify(channel, expected);
				channel.force(true);
			}
			Replaced replaced = this.files.replace(path, staged, precondition,
					(landing) -> this.handles.markCommitting(handle, landing));
			try {
				this.handles.markCommitted(handle, replaced.info());
			}
			catch (IOException ex) {
				log.warn("commit path={} landed, but recording it failed ({}); a repeat still answers it", path,
						ex.toString());
			}
			long nanos = System.nanoTime() - started;
			this.latency.record(nanos, TimeUnit.NANOSECONDS);
			long millis = nanos / 1_000_000;
			log.info("commit path={} size={} version={} regions={} copied={} written={} durationMs={}", path,
					replaced.info().size(), replaced.info().version(), handle.regions(), handle.bytesCopied(),
					handle.bytesWritten(), millis);
			return replaced.info();
		}
	}

	/**
	 * The file a handle already landed: remembered after a commit, or, after a crash between the rename and the
	 * record of it, recognized by the staged file being gone.
	 */
	private Optional<FileInfo> landedAlready(Handle handle) throws IOException {
		return switch (handle.state()) {
			case COMMITTED -> Optional.of(handle.landing());
			case COMMITTING -> Files.exists(this.handles.data(handle))
					? Optional.empty() : Optional.of(this.handles.markCommitted(handle, handle.landing()).landing());
			case OPEN -> Optional.empty();
		};
	}

	private static void verify(FileChannel channel, CommitRequest expected) throws IOException {
		if (expected == null) {
			return;
		}
		long size = channel.size();
		if (expected.size() != null && expected.size() != size) {
			throw new StorageException(ProblemKind.VERIFICATION_FAILED, "the staged file has " + size
					+ " bytes, not " + expected.size()).with("expectedSize", expected.size()).with("actualSize", size);
		}
		if (expected.sha256() != null) {
			String wanted = expected.sha256().toLowerCase(Locale.ROOT);
			if (!wanted.matches("[0-9a-f]{64}")) {
				throw new StorageException(ProblemKind.INVALID_REQUEST, "sha256 must be 64 hex digits").with("field",
						"sha256");
			}
			String actual = sha256(channel);
			if (!actual.equals(wanted)) {
				throw new StorageException(ProblemKind.VERIFICATION_FAILED, "the staged file's SHA-256 is " + actual)
					.with("expectedSha256", wanted)
					.with("actualSha256", actual);
			}
		}
	}

	private static String sha256(FileChannel channel) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
			long position = 0;
			int n;
			while ((n = channel.read(buffer, position)) > 0) {
				position += n;
				buffer.flip();
				digest.update(buffer);
				buffer.clear();
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
