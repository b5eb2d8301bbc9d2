package dev.gathercopy.agent.plan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A window onto part of a file, held in a heap array and moved with positional reads, so a file is never loaded
 * whole. Reading on past the end refills the whole window; a jump elsewhere reads only a little, with a margin before
 * the position asked for so that a step back does not read again.
 */
final class FileWindow {

	private final FileChannel channel;

	private final long size;

	private final byte[] bytes;

	private final ByteBuffer buffer;

	private final int margin;

	/** How much a jump reads at least: enough for a block and its surroundings, not the whole window. */
	private static final int JUMP = 64 * 1024;

	/** How much a jump keeps before the position asked for. */
	private static final int MARGIN = 16 * 1024;

	private long start;

	private int length;

	FileWindow(FileChannel channel, long size, int capacity) {
		this.channel = channel;
		this.size = size;
		this.bytes = new byte[capacity];
		this.buffer = ByteBuffer.wrap(this.bytes);
		this.margin = Math.min(capacity / 8, MARGIN);
	}

	long size() {
		return this.size;
	}

	byte[] bytes() {
		return this.bytes;
	}

	int capacity() {
		return this.bytes.length;
	}

	/**
	 * Makes {@code [position, position + needed)} readable and returns the index of {@code position} in
	 * {@link #bytes()}; {@code needed} must fit the window and the file.
	 */
	int at(long position, int needed) throws IOException {
		long end = this.start + this.length;
		if (position < this.start || position + needed > end) {
			if (position >= end - needed && position <= end) {
				load(position, position + needed, this.bytes.length);
			}
			else {
				long from = Math.max(0, position - this.margin);
				load(from, position + needed, (int) (position - from) + Math.max(needed, JUMP));
			}
		}
		return (int) (position - this.start);
	}

	/**
	 * Makes {@code [end - needed, end)} readable and returns the index of {@code end} in {@link #bytes()}; reading
	 * backwards from there finds as many bytes as the window holds before it.
	 */
	int before(long end, int needed) throws IOException {
		if (end - needed < this.start || end > this.start + this.length) {
			long from = Math.max(0, end - Math.max(needed, JUMP));
			load(from, end, (int) (end - from) + this.margin);
		}
		return (int) (end - this.start);
	}

	/** How many bytes from {@code position} on the window holds; {@code position} must be in the window. */
	int available(long position) {
		return (int) (this.start + this.length - position);
	}

	/** Reads {@code wanted} bytes from {@code from}, or fewer where the file ends, which must cover {@code through}. */
	private void load(long from, long through, int wanted) throws IOException {
		int length = (int) Math.min(Math.min(wanted, this.bytes.length), this.size - from);
		if (from < 0 || through > from + length) {
			throw new IllegalArgumentException("cannot hold [" + from + ", " + through + ") of a " + this.size
					+ "-byte file in " + this.bytes.length + " bytes");
		}
		this.buffer.clear().limit(length);
		long position = from;
		while (this.buffer.hasRemaining()) {
			int n = this.channel.read(this.buffer, position);
			if (n < 0) {
				throw new EOFException("file ended at " + position + " of " + this.size + " bytes; did it shrink?");
			}
			position += n;
		}
		this.start = from;
		this.length = length;
	}

}
