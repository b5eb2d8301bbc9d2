package dev.gathercopy.agent.plan;

import java.util.SplittableRandom;

/**
 * The weak hash of a window of fixed length: a polynomial modulo 2^64 over a random substitution of each byte, so
 * that moving the window by one byte costs one multiplication and that runs of equal bytes still hash apart. Its high
 * bits are the well-mixed ones.
 */
final class RollingHash {

	static final long MULTIPLIER = 0x9e3779b97f4a7c15L;

	private static final long[] SUBSTITUTE = new long[256];

	static {
		SplittableRandom random = new SplittableRandom(0x5eed_6a74_6865_7221L);
		for (int i = 0; i < SUBSTITUTE.length; i++) {
			SUBSTITUTE[i] = random.nextLong();
		}
	}

	private final int length;

	private final long[] incoming = SUBSTITUTE.clone();

	private final long[] outgoing = new long[256];

	private final long[] laneWeights = new long[4];

	RollingHash(int length) {
		if (length <= 0 || length % 4 != 0) {
			throw new IllegalArgumentException("window length must be a positive multiple of 4: " + length);
		}
		this.length = length;
		long power = 1;
		for (int i = 0; i < length; i++) {
			power *= MULTIPLIER;
		}
		for (int i = 0; i < 256; i++) {
			this.outgoing[i] = SUBSTITUTE[i] * power;
		}
		this.laneWeights[3] = 1;
		for (int lane = 2; lane >= 0; lane--) {
			this.laneWeights[lane] = this.laneWeights[lane + 1] * MULTIPLIER;
		}
	}

	int length() {
		return this.length;
	}

	/** The substitution added for a byte that enters the window. */
	long[] incoming() {
		return this.incoming;
	}

	/** The substitution times {@code MULTIPLIER^length}, taken away for a byte that leaves the window. */
	long[] outgoing() {
		return this.outgoing;
	}

	/** Hashes {@code bytes[from, from + length)} in four interleaved lanes so that the multiplications overlap. */
	long of(byte[] bytes, int from) {
		long stride = this.laneWeights[0] * MULTIPLIER;
		long h0 = 0;
		long h1 = 0;
		long h2 = 0;
		long h3 = 0;
		for (int i = from, end = from + this.length; i < end; i += 4) {
			h0 = h0 * stride + this.incoming[bytes[i] & 0xff];
			h1 = h1 * stride + this.incoming[bytes[i + 1] & 0xff];
			h2 = h2 * stride + this.incoming[bytes[i + 2] & 0xff];
			h3 = h3 * stride + this.incoming[bytes[i + 3] & 0xff];
		}
		return h0 * this.laneWeights[0] + h1 * this.laneWeights[1] + h2 * this.laneWeights[2] + h3;
	}

	/** The hash of the window moved one byte on: {@code out} leaves at the front, {@code in} enters at the back. */
	long roll(long hash, byte out, byte in) {
		return hash * MULTIPLIER - this.outgoing[out & 0xff] + this.incoming[in & 0xff];
	}

}
