package dev.gathercopy.agent.push;

import java.util.ArrayList;
import java.util.List;

import dev.gathercopy.agent.plan.Literal;
import dev.gathercopy.agent.plan.Region;
import dev.gathercopy.agent.storage.StorageDtos.CopyRegion;
import dev.gathercopy.agent.storage.StorageDtos.Extent;
import dev.gathercopy.agent.storage.StorageDtos.Limits;

/**
 * Splits a plan's regions and literals into requests that fit the storage limits: at most so many entries and so many
 * bytes each. A region longer than a whole request is cut at multiples of 4096 so that its parts stay aligned.
 */
final class Batches {

	private static final long BLOCK = 4096;

	private Batches() {
	}

	static List<List<CopyRegion>> ofRegions(List<Region> regions, Limits limits) {
		Splitter<CopyRegion> batches = new Splitter<>(limits);
		long maxPiece = piece(limits);
		for (Region region : regions) {
			for (long done = 0; done < region.length(); ) {
				long length = Math.min(region.length() - done, maxPiece);
				batches.add(new CopyRegion(region.sourceOffset() + done, region.destinationOffset() + done, length),
						length);
				done += length;
			}
		}
		return batches.finish();
	}

	static List<List<Extent>> ofLiterals(List<Literal> literals, Limits limits) {
		Splitter<Extent> batches = new Splitter<>(limits);
		long maxPiece = piece(limits);
		for (Literal literal : literals) {
			for (long done = 0; done < literal.length(); ) {
				long length = Math.min(literal.length() - done, maxPiece);
				batches.add(new Extent(literal.destinationOffset() + done, length), length);
				done += length;
			}
		}
		return batches.finish();
	}

	private static long piece(Limits limits) {
		long max = limits.maxBytesPerRequest();
		return (max >= BLOCK) ? max / BLOCK * BLOCK : max;
	}

	private static final class Splitter<T> {

		private final int maxEntries;

		private final long maxBytes;

		private final List<List<T>> batches = new ArrayList<>();

		private List<T> current = new ArrayList<>();

		private long bytes;

		Splitter(Limits limits) {
			this.maxEntries = limits.maxRegionsPerRequest();
			this.maxBytes = limits.maxBytesPerRequest();
		}

		void add(T entry, long length) {
			if (!this.current.isEmpty() && (this.current.size() >= this.maxEntries || this.bytes + length > this.maxBytes)) {
				this.batches.add(this.current);
				this.current = new ArrayList<>();
				this.bytes = 0;
			}
			this.current.add(entry);
			this.bytes += length;
		}

		List<List<T>> finish() {
			if (!this.current.isEmpty()) {
				this.batches.add(this.current);
			}
			return this.batches;
		}

	}

}
