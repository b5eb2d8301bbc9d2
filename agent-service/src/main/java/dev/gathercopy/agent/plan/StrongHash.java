package dev.gathercopy.agent.plan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash that confirms a weak-hash hit before any base bytes are read: two lanes of 8-byte words, each
 * multiplied, xored in and rotated, then a finalising mix. Not cryptographic; a match is always checked byte by byte.
 */
final class StrongHash {

	private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long PRIME_A = 0xc2b2ae3d27d4eb4fL;

	private static final long PRIME_B = 0x165667b19e3779f9L;

	private static final long PRIME_C = 0xff51afd7ed558ccdL;

	private StrongHash() {
	}

	static long of(byte[] bytes, int from, int length) {
		long a = 0x243f6a8885a308d3L ^ length;
		long b = 0x13198a2e03707344L;
		int i = from;
		int end = from + length;
		for (; i + 16 <= end; i += 16) {
			a = Long.rotateLeft(a ^ (word(bytes, i) * PRIME_A), 29) * PRIME_B;
			b = Long.rotateLeft(b ^ (word(bytes, i + 8) * PRIME_B), 31) * PRIME_A;
		}
		long tail = 0;
		for (int shift = 0; i < end; i++, shift += 8) {
			tail |= (bytes[i] & 0xffL) << shift;
		}
		a = Long.rotateLeft(a ^ (tail * PRIME_A), 29) * PRIME_B;
		return mix(a ^ Long.rotateLeft(b, 32));
	}

	/** Hashes the 16 bytes at {@code from}, as a seed for short matches. */
	static long ofSeed(byte[] bytes, int from) {
		long a = word(bytes, from) * PRIME_A;
		long b = word(bytes, from + 8) * PRIME_B;
		return mix(a ^ Long.rotateLeft(b, 31));
	}

	private static long word(byte[] bytes, int index) {
		return (long) WORD.get(bytes, index);
	}

	private static long mix(long value) {
		long x = value;
		x ^= x >>> 33;
		x *= PRIME_C;
		x ^= x >>> 29;
		x *= PRIME_A;
		x ^= x >>> 32;
		return x;
	}

}
