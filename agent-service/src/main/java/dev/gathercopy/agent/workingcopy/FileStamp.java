package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;

/**
 * What the agent remembers of the working file after its own last write: size, modification and change times, inode
 * and a fingerprint of its first and last bytes. Any other program's write changes at least the change time, which no
 * program can set back.
 */
public record FileStamp(long size, long modifiedNanos, long changedNanos, long inode, String fingerprint) {

	private static final int SAMPLE = 64 * 1024;

	/**
	 * Stamps a file the agent has just written: its modification time is set to the precise current time, which a
	 * later write by any program (stamped with the kernel's coarse clock) will not reproduce, even within the same tick.
	 */
	public static FileStamp ofOwnWrite(Path file) throws IOException {
		Files.setLastModifiedTime(file, FileTime.from(java.time.Instant.now()));
		return of(file);
	}

	/** Stamps the working file; anything but a regular file there (a FIFO, a device, a link) is never opened: 409. */
	public static FileStamp of(Path file) throws IOException {
		if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
			if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
				throw new java.nio.file.NoSuchFileException(file.toString());
			}
			throw new AgentException(ProblemKind.WORKING_FILE_UNUSABLE, "the working file '" + file.getFileName()
					+ "' was replaced by something that is not a regular file; put a regular file back");
		}
		Map<String, Object> attributes = unixAttributes(file);
		long size = ((Number) attributes.get("size")).longValue();
		long modified = ((FileTime) attributes.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
		long changed = attributes.containsKey("ctime") ? ((FileTime) attributes.get("ctime")).to(TimeUnit.NANOSECONDS)
				: modified;
		long inode = attributes.containsKey("ino") ? ((Number) attributes.get("ino")).longValue() : 0;
		return new FileStamp(size, modified, changed, inode, fingerprint(file, size));
	}

	private static Map<String, Object> unixAttributes(Path file) throws IOException {
		try {
			return Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino", LinkOption.NOFOLLOW_LINKS);
		}
		catch (UnsupportedOperationException | IllegalArgumentException ex) {
			return Files.readAttributes(file, "size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
		}
	}

	private static String fingerprint(Path file, long size) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(SAMPLE, size));
			read(channel, buffer, 0);
			digest.update(buffer.flip());
			if (size > SAMPLE) {
				read(channel, buffer.clear(), Math.max(SAMPLE, size - SAMPLE));
				digest.update(buffer.flip());
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void read(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			int n = channel.read(buffer, position + buffer.position());
			if (n < 0) {
				break;
			}
		}
	}

}
