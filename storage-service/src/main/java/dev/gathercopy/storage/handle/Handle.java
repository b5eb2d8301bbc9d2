package dev.gathercopy.storage.handle;

import java.time.Instant;

import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.file.StoragePath;

/**
 * The persisted state of one handle. A read handle pins {@code version} (by a hard link to it when the filesystem
 * allows); a write handle stages a new file that would replace {@code version} (null when there is no file yet).
 * {@code landing} is written just before a commit's rename, so that a crash between the two can be settled. The
 * counters add up what was copied and written into a write handle.
 */
public record Handle(String id, String path, HandleMode mode, String version, String owner, boolean pinned,
		Instant createdAt, State state, FileInfo landing, long regions, long bytesCopied, long bytesWritten) {

	/** Where a handle is in its life. */
	public enum State {

		OPEN, COMMITTING, COMMITTED

	}

	public StoragePath storagePath() {
		return StoragePath.of(this.path);
	}

	public boolean isWrite() {
		return this.mode == HandleMode.WRITE;
	}

	Handle withState(State state, FileInfo landing) {
		return new Handle(this.id, this.path, this.mode, this.version, this.owner, this.pinned, this.createdAt, state,
				landing, this.regions, this.bytesCopied, this.bytesWritten);
	}

	Handle plus(long regions, long bytesCopied, long bytesWritten) {
		return new Handle(this.id, this.path, this.mode, this.version, this.owner, this.pinned, this.createdAt,
				this.state, this.landing, this.regions + regions, this.bytesCopied + bytesCopied,
				this.bytesWritten + bytesWritten);
	}

}
