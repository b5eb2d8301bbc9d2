package dev.gathercopy.agent.plan;

import java.io.IOException;

/**
 * The base's whole blocks, found by weak hash: a bitmap answers "surely not here" for most positions of the working
 * file, and an open-addressing table of primitive longs maps the weak hash to block numbers, whose strong hashes sit
 * in a parallel array. Blocks with the same content are kept once, the first. About 28 bytes per block.
 */
final class BlockIndex {

	private static final long EMPTY = 0;

	private final int blockSize;

	private final RollingHash weak;

	private final long[] strong;

	private final long[] slots;

	private final int slotShift;

	private final long[] filter;

	private final int filterShift;

	private BlockIndex(int blockSize, int blocks) {
		this.blockSize = blockSize;
		this.weak = new RollingHash(blockSize);
		this.strong = new long[blocks];
		int slotBits = slotBits(blocks);
		this.slots = new long[1 << slotBits];
		this.slotShift = 64 - slotBits;
		int filterBits = filterBits(blocks);
		this.filter = new long[1 << (filterBits - 6)];
		this.filterShift = 64 - filterBits;
	}

	/** Indexes every whole block of the base, reading it once front to back through {@code base}. */
	static BlockIndex of(FileWindow base, int blockSize) throws IOException {
		int blocks = (int) (base.size() / blockSize);
		BlockIndex index = new BlockIndex(blockSize, blocks);
		for (int block = 0; block < blocks; block++) {
			long position = (long) block * blockSize;
			int at = base.at(position, blockSize);
			index.add(block, index.weak.of(base.bytes(), at), StrongHash.of(base.bytes(), at, blockSize));
		}
		return index;
	}

	int blockSize() {
		return this.blockSize;
	}

	RollingHash weak() {
		return this.weak;
	}

	/** Whether a block with this weak hash may be in the index; false means it surely is not. */
	boolean mayContain(long weakHash) {
		long bit = weakHash >>> this.filterShift;
		return (this.filter[(int) (bit >>> 6)] & (1L << bit)) != 0;
	}

	/**
	 * The number of a block whose weak hash and strong hash match the window {@code bytes[from, from + blockSize)},
	 * or -1. The strong hash is computed only when a weak hash matches.
	 */
	int find(long weakHash, byte[] bytes, int from) {
		int key = key(weakHash);
		boolean hashed = false;
		long strongHash = 0;
		for (int slot = slot(weakHash);; slot = (slot + 1) & (this.slots.length - 1)) {
			long entry = this.slots[slot];
			if (entry == EMPTY) {
				return -1;
			}
			if ((int) (entry >>> 32) == key) {
				if (!hashed) {
					strongHash = StrongHash.of(bytes, from, this.blockSize);
					hashed = true;
				}
				int block = (int) entry - 1;
				if (this.strong[block] == strongHash) {
					return block;
				}
			}
		}
	}

	/** Heap bytes held by the index. */
	long memoryBytes() {
		return 8L * (this.strong.length + this.slots.length + this.filter.length);
	}

	/** Heap bytes the index of a base of {@code baseSize} bytes takes, without building it. */
	static long memoryBytesFor(long baseSize, int blockSize) {
		int blocks = (int) (baseSize / blockSize);
		return 8L * (blocks + (1L << slotBits(blocks)) + (1L << (filterBits(blocks) - 6)));
	}

	/** A table at most half full. */
	private static int slotBits(int blocks) {
		return bitsFor(blocks * 2L, 4);
	}

	/** About 32 filter bits per block, so about one offset in 32 gets past the filter when nothing matches. */
	private static int filterBits(int blocks) {
		return bitsFor(blocks * 32L, 6);
	}

	private void add(int block, long weakHash, long strongHash) {
		int key = key(weakHash);
		int slot = slot(weakHash);
		while (this.slots[slot] != EMPTY) {
			long entry = this.slots[slot];
			if ((int) (entry >>> 32) == key && this.strong[(int) entry - 1] == strongHash) {
				return;
			}
			slot = (slot + 1) & (this.slots.length - 1);
		}
		this.strong[block] = strongHash;
		this.slots[slot] = ((long) key << 32) | (block + 1L);
		long bit = weakHash >>> this.filterShift;
		this.filter[(int) (bit >>> 6)] |= 1L << bit;
	}

	private int slot(long weakHash) {
		return (int) ((weakHash * RollingHash.MULTIPLIER) >>> this.slotShift);
	}

	private static int key(long weakHash) {
		return (int) weakHash;
	}

	private static int bitsFor(long count, int minimum) {
		int bits = minimum;
		while ((1L << bits) < count) {
			bits++;
		}
		return bits;
	}

}
