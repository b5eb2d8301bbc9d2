package dev.gathercopy.web.problem;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A full volume is recognized by its message at any depth of causes, and nothing else is taken for one. */
class DiskFullTests {

	@Test
	void recognizesNoSpaceAndQuotaAtAnyDepth() {
		assertThat(DiskFull.is(new IOException("No space left on device"))).isTrue();
		assertThat(DiskFull.is(new UncheckedIOException(new IOException("write: Disk quota exceeded")))).isTrue();
	}

	@Test
	void otherFailuresAreNotAFullDisk() {
		assertThat(DiskFull.is(new IOException("Input/output error"))).isFalse();
		assertThat(DiskFull.is(new IOException((String) null))).isFalse();
	}

}
