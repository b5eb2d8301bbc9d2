package dev.gathercopy.agent.plan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Where the bytes of a plan's literals come from: the new file's content at a destination offset. */
@FunctionalInterface
public interface LiteralSource {

	/** Fills the remaining space of {@code target} with the new file's bytes from {@code destinationOffset} on. */
	void read(long destinationOffset, ByteBuffer target) throws IOException;

	/** Literal bytes read from the working file itself, which holds the new content. */
	static LiteralSource of(FileChannel working) {
		return (offset, target) -> {
			long position = offset;
			while (target.hasRemaining()) {
				int n = working.read(target, position);
				if (n < 0) {
					throw new EOFException("working file ended at " + position);
				}
				position += n;
			}
		};
	}

}
