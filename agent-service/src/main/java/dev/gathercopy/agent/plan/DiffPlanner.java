package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plans a working file against its base from content alone, for when the file changed some other way than through
 * the edit log. Finds inserted, deleted, moved and repeated data at any byte offset: a run of base bytes is always
 * found when it holds a whole index block (twice the block size less one byte is enough wherever it lies, so with
 * 2 KiB blocks every moved 4 KiB page), and a shorter run of at least 32 bytes when it lies within 32 KiB in the base
 * of where a neighbouring found run ends or starts. Reads both files through bounded windows; the base's block index
 * takes about 28 bytes per block, 14 MiB for a 1 GiB base. Time is linear in the file sizes.
 */
public final class DiffPlanner {

	static final int MIN_BLOCK = 512;

	static final int MAX_BLOCK_FOR_SQRT = 2048;

	static final long MAX_BLOCKS = 1 << 22;

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
	 * The index block size for a base: the power of two at or below the square root of its size, within [512, 2048],
	 * doubled further only to keep the index within 2^22 blocks (bases over 8 GiB). A 4 KiB page, aligned in the base,
	 * is then two whole blocks, so a page moved anywhere is found even when a neighbouring match runs a few bytes into
	 * it by chance.
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
