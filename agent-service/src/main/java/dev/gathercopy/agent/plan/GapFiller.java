package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds short runs of base bytes inside a literal gap that block matching cannot see, such as the few hundred bytes
 * left between two nearby edits, and plans the gap. It looks for 16-byte seeds of the base within {@link #REACH} bytes
 * of where the regions on either side of the gap end and start, and every run it finds becomes a new anchor to look
 * around in the parts of the gap still left. A budget of work keeps the whole linear in the file sizes.
 */
final class GapFiller {

	/** How far in the base, either way, from the neighbouring regions a short run is looked for. */
	static final int REACH = 32 * 1024;

	/** The shortest run worth a region; every run at least this long within reach is found. */
	static final int MIN_RUN = 32;

	private static final int STRIDE = 16;

	/** A part of a gap to search, with the source offsets of the regions that bound it. */
	private record Search(long from, long to, long leftSource, long rightSource) {
	}

	private final RunComparer runs;

	private final SeedIndex seeds = new SeedIndex();

	private long budget;

	GapFiller(RunComparer runs, long budget) {
		this.runs = runs;
		this.budget = budget;
	}

	/**
	 * Plans the gap {@code [from, to)} of the working file, which lies between a region ending at source offset
	 * {@code leftSource} and one starting at {@code rightSource}.
	 */
	void fill(long from, long to, long leftSource, long rightSource, PlanBuilder plan) throws IOException {
		if (to == from) {
			return;
		}
		ArrayDeque<Object> steps = new ArrayDeque<>();
		steps.push(new Search(from, to, leftSource, rightSource));
		while (!steps.isEmpty()) {
			Object step = steps.pop();
			if (step instanceof Region region) {
				plan.region(region.sourceOffset(), region.destinationOffset(), region.length());
			}
			else if (step instanceof Literal literal) {
				plan.literal(literal.destinationOffset(), literal.length());
			}
			else {
				expand((Search) step, steps);
			}
		}
	}

	/** Searches a part of a gap and pushes what it found, and the parts between, in the order they are to be planned. */
	private void expand(Search search, ArrayDeque<Object> steps) throws IOException {
		if (!worthSearching(search)) {
			steps.push(new Literal(search.from(), search.to() - search.from()));
			return;
		}
		List<Region> found = search(search);
		if (found.isEmpty()) {
			steps.push(new Literal(search.from(), search.to() - search.from()));
			return;
		}
		List<Object> ordered = new ArrayList<>(2 * found.size() + 1);
		long cursor = search.from();
		long leftSource = search.leftSource();
		for (Region region : found) {
			ordered.add(part(search, cursor, region.destinationOffset(), leftSource, region.sourceOffset()));
			ordered.add(region);
			cursor = region.destinationEnd();
			leftSource = region.sourceEnd();
		}
		ordered.add(part(search, cursor, search.to(), leftSource, search.rightSource()));
		for (int i = ordered.size() - 1; i >= 0; i--) {
			if (ordered.get(i) != null) {
				steps.push(ordered.get(i));
			}
		}
	}

	/** A part left between runs: searched again only when one of its anchors is new, as nothing else would change. */
	private static Object part(Search parent, long from, long to, long leftSource, long rightSource) {
		if (to == from) {
			return null;
		}
		if (leftSource == parent.leftSource() && rightSource == parent.rightSource()) {
			return new Literal(from, to - from);
		}
		return new Search(from, to, leftSource, rightSource);
	}

	private boolean worthSearching(Search search) {
		return search.to() - search.from() >= MIN_RUN && this.runs.base().size() >= MIN_RUN && this.budget > 0;
	}

	/**
	 * Finds runs of at least {@link #MIN_RUN} bytes in the part whose source lies within reach of its anchors, in one
	 * pass: as runs are found the left window follows them, so a long part is not searched again for each run. The
	 * smaller side is sampled every {@link #STRIDE} bytes and the larger one hashed at every offset, which still finds
	 * every run of {@code SEED + STRIDE - 1} bytes or more.
	 */
	private List<Region> search(Search search) throws IOException {
		long gapBytes = search.to() - search.from();
		boolean sampleGap = gapBytes > 4L * REACH;
		int step = sampleGap ? STRIDE : 1;
		this.budget -= sampleGap ? gapBytes / STRIDE : gapBytes;
		List<Region> found = new ArrayList<>();
		FileWindow work = this.runs.work();
		long leftSource = search.leftSource();
		indexReach(leftSource, search.rightSource(), sampleGap);
		long done = search.from();
		long offset = search.from();
		while (offset + SeedIndex.SEED <= search.to()) {
			int at = work.at(offset, SeedIndex.SEED);
			long source = this.seeds.find(StrongHash.ofSeed(work.bytes(), at));
			if (source >= 0) {
				long ahead = this.runs.forward(offset, source, search.to());
				if (ahead >= SeedIndex.SEED) {
					long back = this.runs.backward(offset, source, done);
					if (back + ahead >= MIN_RUN) {
						found.add(new Region(source - back, offset - back, back + ahead));
						done = offset + ahead;
						offset = done;
						if (Math.abs(source + ahead - leftSource) > REACH / 2 && this.budget > 0) {
							leftSource = source + ahead;
							indexReach(leftSource, search.rightSource(), sampleGap);
						}
						continue;
					}
				}
			}
			offset += step;
		}
		return found;
	}

	/** Indexes the seeds of the base within reach of both anchors, every offset or every {@link #STRIDE}-th. */
	private void indexReach(long leftSource, long rightSource, boolean everyOffset) throws IOException {
		long[] reach = reachOf(leftSource, rightSource, this.runs.base().size());
		long windowBytes = 0;
		for (int i = 0; i < reach.length; i += 2) {
			windowBytes += reach[i + 1] - reach[i];
		}
		this.budget -= everyOffset ? windowBytes : windowBytes / STRIDE;
		this.seeds.reset((int) (everyOffset ? windowBytes : windowBytes / STRIDE + 2));
		for (int i = 0; i < reach.length; i += 2) {
			indexSeeds(reach[i], reach[i + 1], everyOffset ? 1 : STRIDE);
		}
	}

	/** The base ranges within reach of two anchors, merged when they overlap, as start and end pairs. */
	private static long[] reachOf(long leftSource, long rightSource, long baseSize) {
		long leftFrom = clamp(leftSource - REACH, baseSize);
		long leftTo = clamp(leftSource + REACH, baseSize);
		long rightFrom = clamp(rightSource - REACH, baseSize);
		long rightTo = clamp(rightSource + REACH, baseSize);
		if (rightFrom < leftFrom) {
			long from = rightFrom;
			long to = rightTo;
			rightFrom = leftFrom;
			rightTo = leftTo;
			leftFrom = from;
			leftTo = to;
		}
		if (rightFrom <= leftTo) {
			return new long[] { leftFrom, Math.max(leftTo, rightTo) };
		}
		return new long[] { leftFrom, leftTo, rightFrom, rightTo };
	}

	private void indexSeeds(long from, long to, int step) throws IOException {
		if (to - from < SeedIndex.SEED) {
			return;
		}
		FileWindow base = this.runs.base();
		int at = base.at(from, (int) (to - from));
		byte[] bytes = base.bytes();
		long first = (step == 1) ? from : (from + step - 1) / step * step;
		for (long offset = first; offset + SeedIndex.SEED <= to; offset += step) {
			this.seeds.add(StrongHash.ofSeed(bytes, at + (int) (offset - from)), offset);
		}
	}

	private static long clamp(long offset, long baseSize) {
		return Math.max(0, Math.min(offset, baseSize));
	}

}
