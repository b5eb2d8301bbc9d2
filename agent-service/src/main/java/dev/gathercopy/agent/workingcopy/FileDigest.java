package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a whole file, streamed. */
public final class FileDigest {

	private FileDigest() {
	}

	public static byte[] sha256(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
			while (channel.read(buffer) >= 0) {
				digest.update(buffer.flip());
				buffer.clear();
			}
			return digest.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String sha256Hex(Path file) throws IOException {
		return HexFormat.of().formatHex(sha256(file));
	}

}
