package dev.gathercopy.agent.plan;

/**
 * Bytes the new file reuses from the base: {@code length} bytes from {@code sourceOffset} go to
 * {@code destinationOffset}.
 */
public record Region(long sourceOffset, long destinationOffset, long length) {

	public Region {
		if (sourceOffset < 0 || destinationOffset < 0) {
			throw new IllegalArgumentException("region offsets must not be negative: " + sourceOffset + " -> "
					+ destinationOffset);
		}
		if (length <= 0) {
			throw new IllegalArgumentException("region length must be positive: " + length);
		}
		if (sourceOffset > Long.MAX_VALUE - length || destinationOffset > Long.MAX_VALUE - length) {
			throw new IllegalArgumentException("region end overflows: " + sourceOffset + " -> " + destinationOffset
					+ " + " + length);
		}
	}

	public long sourceEnd() {
		return this.sourceOffset + this.length;
	}

	public long destinationEnd() {
		return this.destinationOffset + this.length;
	}

	/** Whether source and destination sit at the same place within a 4096-byte filesystem block. */
	public boolean blockCongruent() {
		return (this.sourceOffset - this.destinationOffset) % Plan.FILESYSTEM_BLOCK == 0;
	}

}
