package dev.gathercopy.agent.plan;

import java.util.Arrays;

/**
 * Base offsets of 16-byte seeds by hash, for finding short runs near a gap, with a bitmap in front that turns most
 * misses away before the table is touched. Reused from gap to gap: a generation number marks which slots are live.
 */
final class SeedIndex {

	static final int SEED = 16;

	private long[] hashes = new long[0];

	private long[] offsets = new long[0];

	private int[] generations = new int[0];

	private long[] filter = new long[1];

	private int generation;

	private int mask;

	private int filterShift;

	/** Empties the index and makes room for {@code seeds} seeds. */
	void reset(int seeds) {
		int capacity = Integer.highestOneBit(Math.max(16, seeds * 2 - 1)) << 1;
		if (capacity > this.hashes.length) {
			this.hashes = new long[capacity];
			this.offsets = new long[capacity];
			this.generations = new int[capacity];
			this.generation = 0;
		}
		this.mask = capacity - 1;
		this.generation++;
		int filterWords = capacity / 4;
		if (filterWords > this.filter.length) {
			this.filter = new long[filterWords];
		}
		else {
			Arrays.fill(this.filter, 0, filterWords, 0);
		}
		this.filterShift = 64 - Integer.numberOfTrailingZeros(filterWords * 64);
	}

	/** Adds a seed; a seed whose hash is already there keeps its first offset. */
	void add(long hash, long baseOffset) {
		long bit = hash >>> this.filterShift;
		this.filter[(int) (bit >>> 6)] |= 1L << bit;
		for (int slot = slot(hash);; slot = (slot + 1) & this.mask) {
			if (this.generations[slot] != this.generation) {
				this.generations[slot] = this.generation;
				this.hashes[slot] = hash;
				this.offsets[slot] = baseOffset;
				return;
			}
			if (this.hashes[slot] == hash) {
				return;
			}
		}
	}

	/** The base offset of a seed with this hash, or -1. */
	long find(long hash) {
		long bit = hash >>> this.filterShift;
		if ((this.filter[(int) (bit >>> 6)] & (1L << bit)) == 0) {
			return -1;
		}
		for (int slot = slot(hash);; slot = (slot + 1) & this.mask) {
			if (this.generations[slot] != this.generation) {
				return -1;
			}
			if (this.hashes[slot] == hash) {
				return this.offsets[slot];
			}
		}
	}

	private int slot(long hash) {
		return (int) hash & this.mask;
	}

}
