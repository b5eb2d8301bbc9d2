package dev.gathercopy.storage.copy;

import java.util.Arrays;

/** The expected content of a staged file, in memory: writing past the end zero-fills the gap before it. */
final class ReferenceFile {

	private byte[] bytes;

	private int size;

	ReferenceFile(byte[] initial) {
		this.bytes = initial.clone();
		this.size = initial.length;
	}

	long size() {
		return this.size;
	}

	byte[] content() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	void write(long offset, byte[] data) {
		write(offset, data, 0, data.length);
	}

	void write(long offset, byte[] data, int start, int length) {
		int end = Math.toIntExact(offset + length);
		if (end > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(end, this.bytes.length * 2));
		}
		System.arraycopy(data, start, this.bytes, (int) offset, length);
		this.size = Math.max(this.size, end);
	}

	/** Copies a range of this file onto itself as if the whole range were read before any byte is written. */
	void copyWithin(long from, long to, long length) {
		write(to, Arrays.copyOfRange(this.bytes, (int) from, Math.toIntExact(from + length)));
	}

}
