package dev.gathercopy.agent.storage;

import java.time.Instant;
import java.util.List;

/** The storage API's request and answer bodies, as the agent uses them. */
public final class StorageDtos {

	private StorageDtos() {
	}

	/** {@code GET /limits}. */
	public record Limits(int maxRegionsPerRequest, long maxBytesPerRequest, long maxFileSize, int maxOpenHandles,
			long handleTtlSeconds) {
	}

	/** A file as storage describes it. */
	public record FileInfo(String path, long size, String version, Instant modifiedAt) {
	}

	/** A handle as storage describes it. */
	public record HandleInfo(String handle, String path, String mode, long size, String version, Instant expiresAt) {
	}

	/** {@code POST /handles}. */
	public record OpenHandle(String path, String mode) {
	}

	/** One region of a gather-copy. */
	public record CopyRegion(long sourceOffset, long destinationOffset, long length) {
	}

	/** {@code POST /handles/{h}/gather-copy}. */
	public record GatherCopy(String source, List<CopyRegion> regions) {
	}

	/** The answer of a gather-copy. */
	public record CopyResult(int regionsCopied, long bytesCopied, long size) {
	}

	/** One extent of a scatter-write layout. */
	public record Extent(long destinationOffset, long length) {
	}

	/** The answer of a scatter-write. */
	public record WriteResult(int regionsWritten, long bytesWritten, long size) {
	}

	/** What the staged file must be for a commit to land. */
	public record Expected(Long size, String sha256) {
	}

}
