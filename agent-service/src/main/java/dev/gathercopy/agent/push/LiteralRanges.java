package dev.gathercopy.agent.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.gathercopy.agent.storage.StorageDtos.Extent;

import org.springframework.core.io.AbstractResource;

/**
 * The bytes of some extents of the working file, concatenated and streamed: the data part of a scatter-write. Every
 * byte streamed is also written to a copy at {@code copyOffset} and on, so that the copy holds what was sent even if
 * the working file changes meanwhile or the stream is read again.
 */
final class LiteralRanges extends AbstractResource {

	private final Path file;

	private final List<Extent> extents;

	private final long length;

	private final FileChannel copy;

	private final long copyOffset;

	LiteralRanges(Path file, List<Extent> extents, FileChannel copy, long copyOffset) {
		this.file = file;
		this.extents = extents;
		this.length = extents.stream().mapToLong(Extent::length).sum();
		this.copy = copy;
		this.copyOffset = copyOffset;
	}

	@Override
	public String getDescription() {
		return this.extents.size() + " extents of " + this.file;
	}

	@Override
	public String getFilename() {
		return "data";
	}

	@Override
	public long contentLength() {
		return this.length;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		FileChannel channel = FileChannel.open(this.file, StandardOpenOption.READ);
		return new InputStream() {

			private int extent;

			private long offset;

			private long streamed;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] bytes, int from, int length) throws IOException {
				while (this.extent < LiteralRanges.this.extents.size()) {
					Extent current = LiteralRanges.this.extents.get(this.extent);
					long remaining = current.length() - this.offset;
					if (remaining == 0) {
						this.extent++;
						this.offset = 0;
						continue;
					}
					ByteBuffer target = ByteBuffer.wrap(bytes, from, (int) Math.min(length, remaining));
					int n = channel.read(target, current.destinationOffset() + this.offset);
					if (n < 0) {
						throw new IOException("working file ended inside a literal at "
								+ (current.destinationOffset() + this.offset));
					}
					this.offset += n;
					keep(bytes, from, n);
					return n;
				}
				return -1;
			}

			private void keep(byte[] bytes, int from, int n) throws IOException {
				ByteBuffer kept = ByteBuffer.wrap(bytes, from, n);
				long at = LiteralRanges.this.copyOffset + this.streamed;
				while (kept.hasRemaining()) {
					LiteralRanges.this.copy.write(kept, at + kept.position() - from);
				}
				this.streamed += n;
			}

			@Override
			public void close() throws IOException {
				channel.close();
			}

		};
	}

}
