package dev.gathercopy.agent.plan;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Append-only store of the bytes an edit log adds; the edit log keeps only positions into it, so its memory does not
 * grow with the bytes written. One writer at a time.
 */
public interface AddBuffer extends Closeable {

	/** How many bytes have been appended so far. */
	long size();

	/** Appends {@code length} bytes of {@code bytes} from {@code from} and returns the position of the first. */
	long append(byte[] bytes, int from, int length) throws IOException;

	/** Fills the remaining space of {@code target} with the bytes from {@code position} on. */
	void read(long position, ByteBuffer target) throws IOException;

	/** Makes everything appended so far durable. */
	void force() throws IOException;

	/** Checks that {@code [position, position + length)} lies within the appended bytes. */
	default void checkRange(long position, long length) {
		if (position < 0 || length < 0 || position > size() - length) {
			throw new IndexOutOfBoundsException("add buffer holds " + size() + " bytes, cannot read " + length
					+ " at " + position);
		}
	}

}
