package dev.gathercopy.storage.limits;

import dev.gathercopy.storage.config.StorageProperties;
import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

import org.springframework.stereotype.Component;

/** The configured bounds on one request and one file, and the 413 problems that cite them. */
@Component
public class RequestLimits {

	private final int maxRegionsPerRequest;

	private final long maxBytesPerRequest;

	private final long maxFileSize;

	private final int maxOpenHandles;

	private final long handleTtlSeconds;

	RequestLimits(StorageProperties properties) {
		this.maxRegionsPerRequest = properties.limits().maxRegionsPerRequest();
		this.maxBytesPerRequest = properties.limits().maxBytesPerRequest().toBytes();
		this.maxFileSize = properties.limits().maxFileSize().toBytes();
		this.maxOpenHandles = properties.limits().maxOpenHandles();
		this.handleTtlSeconds = properties.handles().ttl().toSeconds();
	}

	public Limits limits() {
		return new Limits(this.maxRegionsPerRequest, this.maxBytesPerRequest, this.maxFileSize, this.maxOpenHandles,
				this.handleTtlSeconds);
	}

	public long maxBytesPerRequest() {
		return this.maxBytesPerRequest;
	}

	public long maxFileSize() {
		return this.maxFileSize;
	}

	/** Throws 413 when a request lists more regions than allowed. */
	public void checkRegionCount(int count) {
		if (count > this.maxRegionsPerRequest) {
			throw tooLarge(ProblemKind.REQUEST_TOO_LARGE,
					count + " regions are more than the " + this.maxRegionsPerRequest + " allowed in one request");
		}
	}

	/** Throws 413 when a request would move more bytes than allowed. */
	public void checkRequestBytes(long bytes) {
		if (bytes > this.maxBytesPerRequest) {
			throw tooLarge(ProblemKind.REQUEST_TOO_LARGE,
					bytes + " bytes are more than the " + this.maxBytesPerRequest + " allowed in one request");
		}
	}

	/** Throws 413 when a write would end past the maximum file size. */
	public void checkFileEnd(long end, int regionIndex) {
		if (end > this.maxFileSize) {
			throw tooLarge(ProblemKind.FILE_TOO_LARGE, "region " + regionIndex + " ends at " + end
					+ ", past the maximum file size of " + this.maxFileSize).with("regionIndex", regionIndex);
		}
	}

	private StorageException tooLarge(ProblemKind kind, String detail) {
		return new StorageException(kind, detail).with("maxRegionsPerRequest", this.maxRegionsPerRequest)
			.with("maxBytesPerRequest", this.maxBytesPerRequest)
			.with("maxFileSize", this.maxFileSize);
	}

	/** The limits as the API reports them. */
	public record Limits(int maxRegionsPerRequest, long maxBytesPerRequest, long maxFileSize, int maxOpenHandles,
			long handleTtlSeconds) {
	}

}
