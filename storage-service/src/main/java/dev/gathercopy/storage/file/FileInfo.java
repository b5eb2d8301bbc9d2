package dev.gathercopy.storage.file;

import java.time.Instant;

/** What the API tells about a file: its path, size, opaque strong version and modification time. */
public record FileInfo(String path, long size, String version, Instant modifiedAt) {

	public String etag() {
		return "\"" + this.version + "\"";
	}

}
