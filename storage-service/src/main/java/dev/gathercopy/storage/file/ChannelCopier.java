package dev.gathercopy.storage.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Copies byte ranges between file channels with positional I/O. Large ranges go through the kernel
 * ({@code transferTo}: {@code copy_file_range} on JDK 20+, which shares extents on XFS and btrfs), split so that the part
 * where both offsets are congruent modulo the block size starts and ends on block boundaries; small ranges and the
 * unaligned edges go through one reusable buffer. One copier serves one request at a time.
 */
public final class ChannelCopier {

	/** The filesystem block size that extent sharing needs both offsets aligned to. */
	public static final int BLOCK = 4096;

	private static final long MAX_TRANSFER = 1L << 30;

	private final long kernelThreshold;

	private final int bufferSize;

	private ByteBuffer buffer;

	/** A copier that sends ranges of at least {@code kernelThreshold} bytes through the kernel. */
	public ChannelCopier(long kernelThreshold, int bufferSize) {
		this.kernelThreshold = kernelThreshold;
		this.bufferSize = bufferSize;
	}

	public ChannelCopier() {
		this(64 * 1024, 1 << 20);
	}

	/**
	 * Copies {@code length} bytes from {@code from} in the source to {@code to} in the target. When both channels are
	 * on the same file ({@code sameFile}), overlapping ranges are copied as if read whole before being written.
	 */
	public void copy(FileChannel source, long from, FileChannel target, long to, long length, boolean sameFile)
			throws IOException {
		if (sameFile && from < to + length && to < from + length) {
			move(target, from, to, length);
			return;
		}
		if (length < this.kernelThreshold) {
			copyThroughBuffer(source, from, target, to, length);
			return;
		}
		long misalignment = Math.floorMod(from, BLOCK);
		if (misalignment != Math.floorMod(to, BLOCK)) {
			transfer(source, from, target, to, length);
			return;
		}
		long head = Math.min(length, (BLOCK - misalignment) % BLOCK);
		long body = (length - head) / BLOCK * BLOCK;
		long tail = length - head - body;
		copyThroughBuffer(source, from, target, to, head);
		transfer(source, from + head, target, to + head, body);
		copyThroughBuffer(source, from + head + body, target, to + head + body, tail);
	}

	private void transfer(FileChannel source, long from, FileChannel target, long to, long length)
			throws IOException {
		while (length > 0) {
			target.position(to);
			long n = source.transferTo(from, Math.min(length, MAX_TRANSFER), target);
			if (n <= 0) {
				copyThroughBuffer(source, from, target, to, length);
				return;
			}
			from += n;
			to += n;
			length -= n;
		}
	}

	private void copyThroughBuffer(FileChannel source, long from, FileChannel target, long to, long length)
			throws IOException {
		ByteBuffer buffer = buffer();
		long done = 0;
		while (done < length) {
			int chunk = (int) Math.min(buffer.capacity(), length - done);
			readFully(source, buffer, from + done, chunk);
			writeFully(target, buffer, to + done);
			done += chunk;
		}
	}

	/** Copies within one file like memmove: backwards when the target lies after an overlapping source. */
	private void move(FileChannel file, long from, long to, long length) throws IOException {
		if (to <= from) {
			copyThroughBuffer(file, from, file, to, length);
			return;
		}
		ByteBuffer buffer = buffer();
		long remaining = length;
		while (remaining > 0) {
			int chunk = (int) Math.min(buffer.capacity(), remaining);
			remaining -= chunk;
			readFully(file, buffer, from + remaining, chunk);
			writeFully(file, buffer, to + remaining);
		}
	}

	private ByteBuffer buffer() {
		if (this.buffer == null) {
			this.buffer = ByteBuffer.allocateDirect(this.bufferSize);
		}
		return this.buffer;
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position, int length)
			throws IOException {
		buffer.clear().limit(length);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer, position + buffer.position()) < 0) {
				throw new EOFException("source ended at " + (position + buffer.position()));
			}
		}
		buffer.flip();
	}

	private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			channel.write(buffer, position + buffer.position());
		}
	}

}
