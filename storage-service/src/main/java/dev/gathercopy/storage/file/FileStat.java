package dev.gathercopy.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The identity of one immutable file version: inode, size and modification time. Files are never changed in place, and
 * every replace stamps a modification time later than the one it replaces, so the triple never repeats for a path.
 * {@code links} is the file's hard-link count (1 where the filesystem cannot tell); it is not part of the identity.
 */
public record FileStat(long inode, long size, FileTime modified, int links) {

	private static final String UNIX_ATTRIBUTES = "unix:ino,size,lastModifiedTime,isRegularFile,nlink";

	/** Reads the stat of a regular file, not following links; empty when there is none (or it is not regular). */
	public static Optional<FileStat> read(Path file) throws IOException {
		try {
			Map<String, Object> attributes = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
			if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
				return Optional.empty();
			}
			return Optional.of(new FileStat(((Number) attributes.get("ino")).longValue(),
					((Number) attributes.get("size")).longValue(), (FileTime) attributes.get("lastModifiedTime"),
					((Number) attributes.get("nlink")).intValue()));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (UnsupportedOperationException | IllegalArgumentException ex) {
			BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (!basic.isRegularFile()) {
				return Optional.empty();
			}
			Object key = basic.fileKey();
			return Optional.of(new FileStat((key != null) ? key.hashCode() : 0, basic.size(), basic.lastModifiedTime(), 1));
		}
	}

	/** Whether both stats name the same version (the link count aside). */
	public boolean sameVersion(FileStat other) {
		return this.inode == other.inode && this.size == other.size && this.modified.equals(other.modified);
	}

	/** The opaque version string: a hash of the identity, URL-safe and quote-free so it can travel in an ETag. */
	public String version() {
		ByteBuffer buffer = ByteBuffer.allocate(24)
			.putLong(this.inode)
			.putLong(this.size)
			.putLong(this.modified.to(TimeUnit.NANOSECONDS));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(buffer.array());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 15));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public FileInfo info(StoragePath path) {
		return new FileInfo(path.value(), this.size, version(), this.modified.toInstant());
	}

}
