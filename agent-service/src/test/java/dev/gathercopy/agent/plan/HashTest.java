package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HashTest {

	@Test
	void rollingOneByteOnEqualsHashingTheMovedWindowAfresh() {
		byte[] bytes = TestFiles.random(1, 10_000);
		RollingHash rolling = new RollingHash(512);

		long hash = rolling.of(bytes, 0);
		for (int at = 0; at + 512 < bytes.length; at++) {
			hash = rolling.roll(hash, bytes[at], bytes[at + 512]);
			assertThat(hash).as("hash at %s", at + 1).isEqualTo(rolling.of(bytes, at + 1));
		}
	}

	@Test
	void runsOfEqualBytesAndTheirShiftsHashApart() {
		RollingHash rolling = new RollingHash(64);
		byte[] zeros = new byte[64];
		byte[] ones = new byte[64];
		java.util.Arrays.fill(ones, (byte) 1);
		byte[] swapped = zeros.clone();
		swapped[3] = 1;
		byte[] swappedLater = zeros.clone();
		swappedLater[4] = 1;

		assertThat(Set.of(rolling.of(zeros, 0), rolling.of(ones, 0), rolling.of(swapped, 0),
				rolling.of(swappedLater, 0)))
			.hasSize(4);
	}

	@Test
	void strongHashTellsBlocksOneBitApart() {
		byte[] block = TestFiles.random(2, 4096);
		Set<Long> hashes = new HashSet<>();
		hashes.add(StrongHash.of(block, 0, block.length));
		for (int bit = 0; bit < 4096 * 8; bit += 97) {
			block[bit / 8] ^= (byte) (1 << (bit % 8));
			hashes.add(StrongHash.of(block, 0, block.length));
			block[bit / 8] ^= (byte) (1 << (bit % 8));
		}

		assertThat(hashes).hasSize(1 + (4096 * 8 + 96) / 97);
	}

	@Test
	void strongHashCoversTheTailAndTheLength() {
		byte[] bytes = new byte[40];

		assertThat(StrongHash.of(bytes, 0, 37)).isNotEqualTo(StrongHash.of(bytes, 0, 38));
		bytes[36] = 1;
		assertThat(StrongHash.of(bytes, 0, 37)).isNotEqualTo(StrongHash.of(new byte[40], 0, 37));
	}

}
