package dev.gathercopy.storage.copy;

import java.util.List;
import java.util.Random;

import dev.gathercopy.storage.copy.StorageApi.Answer;
import dev.gathercopy.storage.write.Extent;

/** One request against the write handle of a try, and what it does to the reference file when it succeeds. */
sealed interface Operation {

	Answer perform(StorageApi api, Handles handles);

	void applyTo(ReferenceFile model, byte[] base);

	/** The staged file's size after this operation, given its size before. */
	long sizeAfter(long size);

	/** The two handles of a try: one reading the base file, one staging its new content. */
	record Handles(String read, String write) {
	}

	/** Gather-copy from the read handle into the write handle. */
	record GatherFromRead(List<Region> regions) implements Operation {

		@Override
		public Answer perform(StorageApi api, Handles handles) {
			return api.gatherCopy(handles.write(), handles.read(), this.regions);
		}

		@Override
		public void applyTo(ReferenceFile model, byte[] base) {
			for (Region region : this.regions) {
				int from = Math.toIntExact(region.sourceOffset());
				model.write(region.destinationOffset(), base, from, Math.toIntExact(region.length()));
			}
		}

		@Override
		public long sizeAfter(long size) {
			return regionsEnd(this.regions, size);
		}

	}

	/** Gather-copy from the write handle into itself; each region sees what the regions before it wrote. */
	record SelfCopy(List<Region> regions) implements Operation {

		@Override
		public Answer perform(StorageApi api, Handles handles) {
			return api.gatherCopy(handles.write(), handles.write(), this.regions);
		}

		@Override
		public void applyTo(ReferenceFile model, byte[] base) {
			for (Region region : this.regions) {
				model.copyWithin(region.sourceOffset(), region.destinationOffset(), region.length());
			}
		}

		@Override
		public long sizeAfter(long size) {
			return regionsEnd(this.regions, size);
		}

	}

	/** Scatter-write of {@code dataLength} pseudo-random bytes (from {@code seed}) along a layout. */
	record ScatterWrite(List<Extent> layout, int dataLength, long seed) implements Operation {

		@Override
		public Answer perform(StorageApi api, Handles handles) {
			return api.scatterWrite(handles.write(), this.layout, bytes(this.seed, this.dataLength));
		}

		@Override
		public void applyTo(ReferenceFile model, byte[] base) {
			byte[] data = bytes(this.seed, this.dataLength);
			int position = 0;
			for (Extent extent : this.layout) {
				int length = Math.toIntExact(extent.length());
				model.write(extent.destinationOffset(), data, position, length);
				position += length;
			}
		}

		@Override
		public long sizeAfter(long size) {
			return this.layout.stream().mapToLong((e) -> e.destinationOffset() + e.length()).reduce(size, Math::max);
		}

	}

	/** {@code PUT data} of {@code length} pseudo-random bytes (from {@code seed}) at an offset. */
	record WriteData(long offset, int length, long seed) implements Operation {

		@Override
		public Answer perform(StorageApi api, Handles handles) {
			return api.writeData(handles.write(), this.offset, bytes(this.seed, this.length));
		}

		@Override
		public void applyTo(ReferenceFile model, byte[] base) {
			model.write(this.offset, bytes(this.seed, this.length));
		}

		@Override
		public long sizeAfter(long size) {
			return Math.max(size, this.offset + this.length);
		}

	}

	/** An invalid request that must be refused with this status and problem type, changing nothing. */
	record Refused(Operation attempt, int status, String problem) implements Operation {

		@Override
		public Answer perform(StorageApi api, Handles handles) {
			return this.attempt.perform(api, handles);
		}

		@Override
		public void applyTo(ReferenceFile model, byte[] base) {
		}

		@Override
		public long sizeAfter(long size) {
			return size;
		}

	}

	static byte[] bytes(long seed, int length) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static long regionsEnd(List<Region> regions, long size) {
		return regions.stream().mapToLong((r) -> r.destinationOffset() + r.length()).reduce(size, Math::max);
	}

}
