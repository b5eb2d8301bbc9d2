package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An add buffer in a file, for the agent's workspace: bytes already in the file are kept, so a reopened buffer serves
 * the positions an edit log saved before a restart. Small appends gather in a heap buffer before they are written.
 */
public final class FileAddBuffer implements AddBuffer {

	private static final int PENDING = 64 * 1024;

	private final FileChannel channel;

	private final ByteBuffer pending = ByteBuffer.allocate(PENDING);

	private long written;

	private FileAddBuffer(FileChannel channel) throws IOException {
		this.channel = channel;
		this.written = channel.size();
	}

	/** Opens the add buffer in {@code file}, creating it when missing and keeping the bytes it already holds. */
	public static FileAddBuffer open(Path file) throws IOException {
		return new FileAddBuffer(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE));
	}

	@Override
	public long size() {
		return this.written + this.pending.position();
	}

	@Override
	public long append(byte[] bytes, int from, int length) throws IOException {
		Objects.checkFromIndexSize(from, length, bytes.length);
		long position = size();
		if (length > this.pending.remaining()) {
			flush();
		}
		if (length > this.pending.capacity()) {
			write(ByteBuffer.wrap(bytes, from, length));
		}
		else {
			this.pending.put(bytes, from, length);
		}
		return position;
	}

	@Override
	public void read(long position, ByteBuffer target) throws IOException {
		checkRange(position, target.remaining());
		if (position + target.remaining() > this.written) {
			flush();
		}
		while (target.hasRemaining()) {
			int n = this.channel.read(target, position);
			if (n < 0) {
				throw new IOException("add buffer file ended at " + position);
			}
			position += n;
		}
	}

	@Override
	public void force() throws IOException {
		flush();
		this.channel.force(false);
	}

	@Override
	public void close() throws IOException {
		try {
			flush();
		}
		finally {
			this.channel.close();
		}
	}

	private void flush() throws IOException {
		if (this.pending.position() > 0) {
			this.pending.flip();
			write(this.pending);
			this.pending.clear();
		}
	}

	private void write(ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			this.written += this.channel.write(bytes, this.written);
		}
	}

}
