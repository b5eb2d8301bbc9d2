package dev.gathercopy.agent.plan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;

/** Where the bytes of a plan's literals come from: the new file's content at a destination offset. */
@FunctionalInterface
public interface LiteralSource {

	/** Fills the remaining space of {@code target} with the new file's bytes from {@code destinationOffset} on. */
	void read(long destinationOffset, ByteBuffer target) throws IOException;

	/** Literal bytes read from the working file itself, which holds the new content. */
	static LiteralSource of(FileChannel working) {
		return (offset, target) -> readFully(working, offset, target, "working file");
	}

	/** Literal bytes as a push sent them: the plan's literals, in its order, one after the other in {@code sent}. */
	static LiteralSource concatenated(FileChannel sent, List<Literal> literals) {
		long[] starts = new long[literals.size()];
		long[] positions = new long[literals.size()];
		long position = 0;
		for (int i = 0; i < starts.length; i++) {
			starts[i] = literals.get(i).destinationOffset();
			positions[i] = position;
			position += literals.get(i).length();
		}
		return (offset, target) -> {
			int found = Arrays.binarySearch(starts, offset);
			int literal = (found >= 0) ? found : -found - 2;
			if (literal < 0) {
				throw new IllegalArgumentException("no literal holds offset " + offset);
			}
			readFully(sent, positions[literal] + offset - starts[literal], target, "sent literal bytes");
		};
	}

	private static void readFully(FileChannel channel, long position, ByteBuffer target, String what)
			throws IOException {
		long at = position;
		while (target.hasRemaining()) {
			int n = channel.read(target, at);
			if (n < 0) {
				throw new EOFException(what + " ended at " + at);
			}
			at += n;
		}
	}

}
