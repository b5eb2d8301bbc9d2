package dev.gathercopy.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A file channel that remembers which byte ranges were read from it through a buffer and which ones it handed to the
 * kernel with {@code transferTo}, so that a test can tell which path a copy took.
 */
final class RecordingChannel extends FileChannel {

	private final FileChannel delegate;

	private final List<Range> read = new ArrayList<>();

	private final List<Range> transferred = new ArrayList<>();

	RecordingChannel(FileChannel delegate) {
		this.delegate = delegate;
	}

	/** A half-open byte range {@code [start, end)}. */
	record Range(long start, long end) {

		/** Touching or overlapping ranges merged, in order. */
		static List<Range> merged(List<Range> ranges) {
			List<Range> sorted = new ArrayList<>(ranges);
			sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
			List<Range> out = new ArrayList<>();
			for (Range range : sorted) {
				Range last = out.isEmpty() ? null : out.get(out.size() - 1);
				if (last != null && range.start() <= last.end()) {
					out.set(out.size() - 1, new Range(last.start(), Math.max(last.end(), range.end())));
				}
				else {
					out.add(range);
				}
			}
			return out;
		}

	}

	List<Range> readRanges() {
		return Range.merged(this.read);
	}

	List<Range> transferredRanges() {
		return Range.merged(this.transferred);
	}

	@Override
	public int read(ByteBuffer dst, long position) throws IOException {
		int n = this.delegate.read(dst, position);
		if (n > 0) {
			this.read.add(new Range(position, position + n));
		}
		return n;
	}

	@Override
	public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
		WritableByteChannel unwrapped = (target instanceof RecordingChannel recording) ? recording.delegate : target;
		long n = this.delegate.transferTo(position, count, unwrapped);
		if (n > 0) {
			this.transferred.add(new Range(position, position + n));
		}
		return n;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		throw new UnsupportedOperationException("the copier reads at explicit positions");
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		throw new UnsupportedOperationException("the copier reads at explicit positions");
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		return this.delegate.write(src);
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		return this.delegate.write(srcs, offset, length);
	}

	@Override
	public int write(ByteBuffer src, long position) throws IOException {
		return this.delegate.write(src, position);
	}

	@Override
	public long position() throws IOException {
		return this.delegate.position();
	}

	@Override
	public FileChannel position(long newPosition) throws IOException {
		this.delegate.position(newPosition);
		return this;
	}

	@Override
	public long size() throws IOException {
		return this.delegate.size();
	}

	@Override
	public FileChannel truncate(long size) throws IOException {
		this.delegate.truncate(size);
		return this;
	}

	@Override
	public void force(boolean metaData) throws IOException {
		this.delegate.force(metaData);
	}

	@Override
	public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
		throw new UnsupportedOperationException("the copier only pushes with transferTo");
	}

	@Override
	public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
		throw new UnsupportedOperationException("the copier does not map files");
	}

	@Override
	public FileLock lock(long position, long size, boolean shared) throws IOException {
		throw new UnsupportedOperationException("the copier does not lock files");
	}

	@Override
	public FileLock tryLock(long position, long size, boolean shared) throws IOException {
		throw new UnsupportedOperationException("the copier does not lock files");
	}

	@Override
	protected void implCloseChannel() throws IOException {
		this.delegate.close();
	}

}
