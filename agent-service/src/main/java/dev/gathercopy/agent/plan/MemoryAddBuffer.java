package dev.gathercopy.agent.plan;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An add buffer on the heap, in fixed pages so that growing never copies what is already there. */
public final class MemoryAddBuffer implements AddBuffer {

	private static final int PAGE_SHIFT = 16;

	private static final int PAGE = 1 << PAGE_SHIFT;

	private final List<byte[]> pages = new ArrayList<>();

	private long size;

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public long append(byte[] bytes, int from, int length) {
		Objects.checkFromIndexSize(from, length, bytes.length);
		long position = this.size;
		int done = 0;
		while (done < length) {
			int inPage = (int) (this.size & (PAGE - 1));
			if (inPage == 0 && (this.size >>> PAGE_SHIFT) == this.pages.size()) {
				this.pages.add(new byte[PAGE]);
			}
			int chunk = Math.min(length - done, PAGE - inPage);
			System.arraycopy(bytes, from + done, this.pages.get((int) (this.size >>> PAGE_SHIFT)), inPage, chunk);
			done += chunk;
			this.size += chunk;
		}
		return position;
	}

	@Override
	public void read(long position, ByteBuffer target) {
		checkRange(position, target.remaining());
		while (target.hasRemaining()) {
			int inPage = (int) (position & (PAGE - 1));
			int chunk = Math.min(target.remaining(), PAGE - inPage);
			target.put(this.pages.get((int) (position >>> PAGE_SHIFT)), inPage, chunk);
			position += chunk;
		}
	}

	@Override
	public void force() {
	}

	@Override
	public void close() {
	}

}
