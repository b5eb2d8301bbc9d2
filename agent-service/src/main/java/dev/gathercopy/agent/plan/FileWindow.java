package dev.gathercopy.agent.plan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A window onto part of a file, held in a heap array and moved with positional reads, so a file is never loaded
 * whole. Reading on past the end moves the window forward; a jump elsewhere keeps a margin before the position asked
 * for, so that a step back does not read again.
 */
final class FileWindow {

	private final FileChannel channel;

	private final long size;

	private final byte[] bytes;

	private final ByteBuffer buffer;

	private final int margin;

	private long start;

	private int length;

	FileWindow(FileChannel channel, long size, int capacity) {
		this.channel = channel;
		this.size = size;
		this.bytes = new byte[capacity];
		this.buffer = ByteBuffer.wrap(this.bytes);
		this.margin = capacity / 8;
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
			long from = (position >= end - needed && position <= end) ? position : position - this.margin;
			load(Math.max(0, Math.min(from, this.size - this.bytes.length)), position + needed);
		}
		return (int) (position - this.start);
	}

	/**
	 * Makes {@code [end - needed, end)} readable and returns the index of {@code end} in {@link #bytes()}; reading
	 * backwards from there finds as many bytes as the window holds before it.
	 */
	int before(long end, int needed) throws IOException {
		if (end - needed < this.start || end > this.start + this.length) {
			load(Math.max(0, end - this.bytes.length + this.margin), end);
		}
		return (int) (end - this.start);
	}

	/** How many bytes from {@code position} on the window holds; {@code position} must be in the window. */
	int available(long position) {
		return (int) (this.start + this.length - position);
	}

	/** How many bytes before {@code end} the window holds; {@code end} must be in the window. */
	int availableBefore(long end) {
		return (int) (end - this.start);
	}

	private void load(long from, long through) throws IOException {
		if (from < 0 || through > this.size || through - from > this.bytes.length) {
			throw new IllegalArgumentException("cannot hold [" + from + ", " + through + ") of a " + this.size
					+ "-byte file in " + this.bytes.length + " bytes");
		}
		this.buffer.clear().limit((int) Math.min(this.bytes.length, this.size - from));
		long position = from;
		while (this.buffer.hasRemaining()) {
			int n = this.channel.read(this.buffer, position);
			if (n < 0) {
				throw new EOFException("file ended at " + position + " of " + this.size + " bytes; did it shrink?");
			}
			position += n;
		}
		this.start = from;
		this.length = this.buffer.position();
	}

}
