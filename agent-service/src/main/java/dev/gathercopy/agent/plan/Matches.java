package dev.gathercopy.agent.plan;

import java.util.Arrays;

/** Regions found in the working file, in destination order, kept in growable primitive arrays. */
final class Matches {

	private long[] sources = new long[64];

	private long[] destinations = new long[64];

	private long[] lengths = new long[64];

	private int size;

	void add(long source, long destination, long length) {
		if (this.size == this.sources.length) {
			int capacity = this.size * 2;
			this.sources = Arrays.copyOf(this.sources, capacity);
			this.destinations = Arrays.copyOf(this.destinations, capacity);
			this.lengths = Arrays.copyOf(this.lengths, capacity);
		}
		this.sources[this.size] = source;
		this.destinations[this.size] = destination;
		this.lengths[this.size] = length;
		this.size++;
	}

	int size() {
		return this.size;
	}

	long source(int i) {
		return this.sources[i];
	}

	long destination(int i) {
		return this.destinations[i];
	}

	long length(int i) {
		return this.lengths[i];
	}

	/** Destination minus source of the last match: the diagonal that the next match most likely continues. */
	long lastDiagonal() {
		return this.destinations[this.size - 1] - this.sources[this.size - 1];
	}

}
