package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * One diff plan of a working file against its base, in two passes. The first rolls a weak hash over every offset of
 * the working file, looks it up in the base's {@link BlockIndex}, confirms a hit with the strong hash and then byte by
 * byte, and stretches the match forwards and backwards (back into bytes not yet planned) as far as the bytes agree.
 * Where a match ends at a changed spot it looks just ahead on the same diagonal, so an overwrite costs its own bytes
 * and not a block. The second pass plans the gaps left between matches with a {@link GapFiller}.
 */
final class DiffScan {

	/** How many agreeing bytes on the diagonal of the last match resume it after a changed spot. */
	static final int RESYNC_RUN = 32;

	private static final int RESYNC_STEP = RESYNC_RUN / 2;

	private static final int WINDOW = 1 << 20;

	private static final long FILL_BUDGET = 16L << 20;

	private final long baseSize;

	private final long workSize;

	private final int block;

	private final FileWindow scan;

	private final RunComparer runs;

	private final BlockIndex index;

	private final Matches matches = new Matches();

	/** The next working offset from which to look along the last match's diagonal. */
	private long probe;

	/** Where the last match's diagonal agrees again, once a probe found it; else -1. */
	private long resumeAt = -1;

	DiffScan(FileChannel base, FileChannel working, int blockSize) throws IOException {
		this.baseSize = base.size();
		this.workSize = working.size();
		this.block = blockSize;
		int capacity = Math.max(WINDOW, 8 * blockSize);
		FileWindow baseWindow = new FileWindow(base, this.baseSize, capacity);
		this.scan = new FileWindow(working, this.workSize, capacity);
		this.runs = new RunComparer(new FileWindow(working, this.workSize, capacity), baseWindow);
		this.index = BlockIndex.of(baseWindow, blockSize);
	}

	Plan plan() throws IOException {
		findMatches();
		return fillGaps();
	}

	long indexBytes() {
		return this.index.memoryBytes();
	}

	private void findMatches() throws IOException {
		long planned = 0;
		long position = 0;
		while (this.workSize - position >= this.block) {
			int first = this.scan.at(position, this.block);
			int last = first + this.scan.available(position) - this.block;
			long end = scanWindow(position, first, last, planned);
			if (end >= 0) {
				planned = end;
				position = end;
				this.probe = end + 1;
				this.resumeAt = -1;
			}
			else {
				position += last - first + 1;
			}
		}
	}

	/**
	 * Rolls over the block starts {@code first..last} of the scan window, whose first is at working offset
	 * {@code position}, until something matches; returns where the match ends, or -1. Along the way it probes the
	 * diagonal of the last match (at first the one through the start of both files) for the next offset where
	 * {@link #RESYNC_RUN} bytes agree with the base again, a block's worth of offsets at a time; that offset is taken
	 * only if the rolling reaches it without a block matching first, so no block is skipped and data that repeats
	 * itself does not lure the plan along a wrong diagonal.
	 */
	private long scanWindow(long position, int first, int last, long planned) throws IOException {
		RollingHash rolling = this.index.weak();
		long[] incoming = rolling.incoming();
		long[] outgoing = rolling.outgoing();
		int block = this.block;
		byte[] bytes = this.scan.bytes();
		this.probe = Math.max(this.probe, position);
		int eventAt = indexIn(nextEvent(), position, first, last);
		long hash = rolling.of(bytes, first);
		for (int at = first;; at++) {
			if (at == eventAt) {
				long offset = position + (at - first);
				if (this.resumeAt < 0) {
					this.resumeAt = resume(offset, block, lastDiagonal());
					this.probe = offset + block;
					eventAt = indexIn(nextEvent(), position, first, last);
				}
				if (this.resumeAt == offset) {
					return followDiagonal(offset, planned);
				}
			}
			if (this.index.mayContain(hash)) {
				long end = match(position + (at - first), hash, bytes, at, planned);
				if (end >= 0) {
					return end;
				}
			}
			if (at == last) {
				return -1;
			}
			hash = hash * RollingHash.MULTIPLIER - outgoing[bytes[at] & 0xff] + incoming[bytes[at + block] & 0xff];
		}
	}

	private long nextEvent() {
		return (this.resumeAt >= 0) ? this.resumeAt : this.probe;
	}

	private static int indexIn(long offset, long position, int first, int last) {
		long index = first + (offset - position);
		return (index <= last) ? (int) index : -1;
	}

	/**
	 * Tries the block at working offset {@code offset}, held in {@code window} from {@code from}; on a match records
	 * it, stretched both ways, and returns where it ends, else -1. Of equal blocks it prefers the one on the diagonal
	 * of the last match.
	 */
	private long match(long offset, long hash, byte[] window, int from, long planned) throws IOException {
		int found = this.index.find(hash, window, from);
		if (found < 0) {
			return -1;
		}
		long source = (long) found * this.block;
		long continued = offset - lastDiagonal();
		if (continued != source && continued >= 0 && continued <= this.baseSize - this.block
				&& equalsBase(window, from, continued)) {
			source = continued;
		}
		else if (!equalsBase(window, from, source)) {
			return -1;
		}
		long back = this.runs.backward(offset, source, planned);
		long ahead = this.block + this.runs.forward(offset + this.block, source + this.block, this.workSize);
		this.matches.add(source - back, offset - back, back + ahead);
		return offset + ahead;
	}

	/** Records the run on the diagonal of the last match that agrees from {@code offset}, stretched both ways. */
	private long followDiagonal(long offset, long planned) throws IOException {
		long diagonal = lastDiagonal();
		long back = this.runs.backward(offset, offset - diagonal, planned);
		long ahead = this.runs.forward(offset, offset - diagonal, this.workSize);
		this.matches.add(offset - back - diagonal, offset - back, back + ahead);
		return offset + ahead;
	}

	/**
	 * The first offset in {@code [start, start + count)} from which {@link #RESYNC_RUN} bytes agree with the base on
	 * {@code diagonal} (working offset minus base offset), or -1. Such a run covers a whole 16-byte step, so only
	 * every 16th offset needs a compare before the run around it is measured.
	 */
	private long resume(long start, int count, long diagonal) throws IOException {
		if (start - diagonal < 0) {
			return -1;
		}
		long end = Math.min(Math.min(this.workSize, this.baseSize + diagonal), start + count - 1 + RESYNC_RUN);
		if (end - start < RESYNC_RUN) {
			return -1;
		}
		int length = (int) (end - start);
		int w = this.runs.work().at(start, length);
		int b = this.runs.base().at(start - diagonal, length);
		byte[] work = this.runs.work().bytes();
		byte[] base = this.runs.base().bytes();
		for (int step = 0; step + RESYNC_STEP <= length; step += RESYNC_STEP) {
			if (Arrays.equals(work, w + step, w + step + RESYNC_STEP, base, b + step, b + step + RESYNC_STEP)) {
				int from = step;
				while (from > 0 && work[w + from - 1] == base[b + from - 1]) {
					from--;
				}
				int to = step + RESYNC_STEP;
				while (to < length && work[w + to] == base[b + to]) {
					to++;
				}
				if (to - from >= RESYNC_RUN) {
					return (from < count) ? start + from : -1;
				}
				step = to - to % RESYNC_STEP;
			}
		}
		return -1;
	}

	private long lastDiagonal() {
		return (this.matches.size() > 0) ? this.matches.lastDiagonal() : 0;
	}

	private boolean equalsBase(byte[] window, int from, long source) throws IOException {
		int at = this.runs.base().at(source, this.block);
		return Arrays.equals(window, from, from + this.block, this.runs.base().bytes(), at, at + this.block);
	}

	private Plan fillGaps() throws IOException {
		PlanBuilder plan = new PlanBuilder();
		GapFiller filler = new GapFiller(this.runs, this.baseSize + this.workSize + FILL_BUDGET);
		long planned = 0;
		long leftSource = 0;
		for (int i = 0; i < this.matches.size(); i++) {
			filler.fill(planned, this.matches.destination(i), leftSource, this.matches.source(i), plan);
			plan.region(this.matches.source(i), this.matches.destination(i), this.matches.length(i));
			planned = this.matches.destination(i) + this.matches.length(i);
			leftSource = this.matches.source(i) + this.matches.length(i);
		}
		filler.fill(planned, this.workSize, leftSource, this.baseSize, plan);
		return plan.build(Plan.DIFF);
	}

}
