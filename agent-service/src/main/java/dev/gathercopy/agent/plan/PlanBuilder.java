package dev.gathercopy.agent.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects regions and literals in destination order into a normalised plan: a region that continues the previous
 * one in both source and destination merges with it, adjacent literals merge, and nothing is ever split.
 */
final class PlanBuilder {

	private final List<Region> regions = new ArrayList<>();

	private final List<Literal> literals = new ArrayList<>();

	private long size;

	private long regionSource;

	private long regionDestination;

	private long regionLength;

	private long literalDestination;

	private long literalLength;

	/** The destination offset the next region or literal must start at. */
	long size() {
		return this.size;
	}

	void region(long sourceOffset, long destinationOffset, long length) {
		checkNext(destinationOffset, length);
		if (length == 0) {
			return;
		}
		flushLiteral();
		if (this.regionLength > 0 && this.regionSource + this.regionLength == sourceOffset) {
			this.regionLength += length;
		}
		else {
			flushRegion();
			this.regionSource = sourceOffset;
			this.regionDestination = destinationOffset;
			this.regionLength = length;
		}
		this.size += length;
	}

	void literal(long destinationOffset, long length) {
		checkNext(destinationOffset, length);
		if (length == 0) {
			return;
		}
		flushRegion();
		if (this.literalLength == 0) {
			this.literalDestination = destinationOffset;
		}
		this.literalLength += length;
		this.size += length;
	}

	Plan build(String method) {
		flushRegion();
		flushLiteral();
		return new Plan(method, this.size, this.regions, this.literals);
	}

	private void checkNext(long destinationOffset, long length) {
		if (destinationOffset != this.size) {
			throw new IllegalStateException("next piece starts at " + destinationOffset + " but the plan covers "
					+ this.size + " bytes");
		}
		if (length < 0) {
			throw new IllegalArgumentException("negative length " + length + " at " + destinationOffset);
		}
	}

	private void flushRegion() {
		if (this.regionLength > 0) {
			this.regions.add(new Region(this.regionSource, this.regionDestination, this.regionLength));
			this.regionLength = 0;
		}
	}

	private void flushLiteral() {
		if (this.literalLength > 0) {
			this.literals.add(new Literal(this.literalDestination, this.literalLength));
			this.literalLength = 0;
		}
	}

}
