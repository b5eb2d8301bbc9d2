package dev.gathercopy.agent.plan;

import java.util.List;
import java.util.Objects;

/**
 * How to build a new file of {@code size} bytes: regions copied from the base and literals sent as they are, each
 * list sorted by destination offset, together tiling {@code [0, size)} without gaps or overlaps.
 */
public record Plan(String method, long size, List<Region> regions, List<Literal> literals) {

	/** A plan that fell out of an edit log's pieces. */
	public static final String EDIT_LOG = "edit-log";

	/** A plan found by comparing the content of the working file with the base. */
	public static final String DIFF = "diff";

	/** The filesystem block that the storage side shares extents in. */
	public static final int FILESYSTEM_BLOCK = 4096;

	public Plan {
		Objects.requireNonNull(method, "method");
		if (!EDIT_LOG.equals(method) && !DIFF.equals(method)) {
			throw new IllegalArgumentException("method must be " + EDIT_LOG + " or " + DIFF + ": " + method);
		}
		regions = List.copyOf(regions);
		literals = List.copyOf(literals);
		checkTiling(size, regions, literals);
	}

	public long reusedBytes() {
		long total = 0;
		for (Region region : this.regions) {
			total += region.length();
		}
		return total;
	}

	public long literalBytes() {
		long total = 0;
		for (Literal literal : this.literals) {
			total += literal.length();
		}
		return total;
	}

	public int regionCount() {
		return this.regions.size();
	}

	public int literalCount() {
		return this.literals.size();
	}

	private static void checkTiling(long size, List<Region> regions, List<Literal> literals) {
		if (size < 0) {
			throw new IllegalArgumentException("size must not be negative: " + size);
		}
		long cursor = 0;
		int r = 0;
		int l = 0;
		while (r < regions.size() || l < literals.size()) {
			if (r < regions.size() && regions.get(r).destinationOffset() == cursor) {
				cursor = regions.get(r++).destinationEnd();
			}
			else if (l < literals.size() && literals.get(l).destinationOffset() == cursor) {
				cursor = literals.get(l++).destinationEnd();
			}
			else {
				throw new IllegalArgumentException("regions and literals leave a gap or overlap at " + cursor);
			}
		}
		if (cursor != size) {
			throw new IllegalArgumentException("regions and literals cover " + cursor + " bytes, not " + size);
		}
	}

}
