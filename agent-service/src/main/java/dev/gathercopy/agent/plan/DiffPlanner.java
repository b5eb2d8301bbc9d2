package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plans a working file against its base from content alone, for when the file changed some other way than through
 * the edit log. Finds inserted, deleted, moved and repeated data at any byte offset: a run of base bytes is always
 * found when it holds a whole block of the base (two blocks long is enough wherever it lies), and a shorter run of at
 * least 32 bytes when it lies within 32 KiB in the base of where a neighbouring run ends or starts. Reads both files
 * through bounded windows; the base's block index takes about 25 bytes per block. Time is linear in the file sizes.
 */
public final class DiffPlanner {

	static final int MIN_BLOCK = 512;

	static final int MAX_BLOCK_FOR_SQRT = 4096;

	static final long MAX_BLOCKS = 1 << 20;

	private DiffPlanner() {
	}

	public static Plan plan(Path base, Path working) throws IOException {
		try (FileChannel baseChannel = FileChannel.open(base, StandardOpenOption.READ);
				FileChannel workingChannel = FileChannel.open(working, StandardOpenOption.READ)) {
			return plan(baseChannel, workingChannel);
		}
	}

	/** Plans with positional reads only, so the channels' positions are left alone. */
	public static Plan plan(FileChannel base, FileChannel working) throws IOException {
		return plan(base, working, blockSize(base.size()));
	}

	static Plan plan(FileChannel base, FileChannel working, int blockSize) throws IOException {
		return new DiffScan(base, working, blockSize).plan();
	}

	/**
	 * The index block size for a base: the power of two at or below the square root of its size, within [512, 4096]
	 * so that moved 4 KiB pages are always whole blocks, doubled further only to keep the index within 2^20 blocks.
	 */
	static int blockSize(long baseSize) {
		int size = Integer.highestOneBit((int) Math.min(Integer.MAX_VALUE, (long) Math.sqrt((double) baseSize)));
		size = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK_FOR_SQRT, size));
		while (baseSize / size > MAX_BLOCKS) {
			size *= 2;
		}
		return size;
	}

}
