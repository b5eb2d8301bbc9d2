package dev.gathercopy.agent.plan;

/** Bytes of the new file that the base does not have: they are sent as they are. */
public record Literal(long destinationOffset, long length) {

	public Literal {
		if (destinationOffset < 0) {
			throw new IllegalArgumentException("literal offset must not be negative: " + destinationOffset);
		}
		if (length <= 0) {
			throw new IllegalArgumentException("literal length must be positive: " + length);
		}
		if (destinationOffset > Long.MAX_VALUE - length) {
			throw new IllegalArgumentException("literal end overflows: " + destinationOffset + " + " + length);
		}
	}

	public long destinationEnd() {
		return this.destinationOffset + this.length;
	}

}
