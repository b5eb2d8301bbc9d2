package dev.gathercopy.storage.handle;

import java.time.Instant;

/** What the API tells about a handle. */
public record HandleInfo(String handle, String path, HandleMode mode, long size, String version, Instant expiresAt) {
}
