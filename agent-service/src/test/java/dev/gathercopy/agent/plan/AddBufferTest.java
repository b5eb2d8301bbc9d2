package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddBufferTest {

	@TempDir
	Path directory;

	@Test
	void memoryBufferReadsAcrossPages() throws IOException {
		MemoryAddBuffer buffer = new MemoryAddBuffer();
		byte[] bytes = TestFiles.random(1, 200_000);

		assertThat(buffer.append(bytes, 0, 70_000)).isZero();
		assertThat(buffer.append(bytes, 70_000, 130_000)).isEqualTo(70_000);

		assertThat(read(buffer, 65_000, 100_000)).isEqualTo(Arrays.copyOfRange(bytes, 65_000, 165_000));
	}

	@Test
	void fileBufferServesPendingAndWrittenBytesAndKeepsThemWhenReopened() throws IOException {
		Path file = this.directory.resolve("added");
		byte[] bytes = TestFiles.random(2, 300_000);
		try (FileAddBuffer buffer = FileAddBuffer.open(file)) {
			buffer.append(bytes, 0, 10);
			assertThat(read(buffer, 0, 10)).isEqualTo(Arrays.copyOf(bytes, 10));
			buffer.append(bytes, 10, 100_000);
			buffer.append(bytes, 100_010, 199_990);
			assertThat(buffer.size()).isEqualTo(300_000);
			buffer.force();
		}
		assertThat(Files.readAllBytes(file)).isEqualTo(bytes);

		try (FileAddBuffer buffer = FileAddBuffer.open(file)) {
			assertThat(buffer.size()).isEqualTo(300_000);
			assertThat(buffer.append(new byte[] { 7 }, 0, 1)).isEqualTo(300_000);
			assertThat(read(buffer, 299_990, 11)).endsWith((byte) 7);
		}
	}

	@Test
	void readingPastTheEndIsRefused() {
		MemoryAddBuffer buffer = new MemoryAddBuffer();
		buffer.append(new byte[10], 0, 10);

		assertThatThrownBy(() -> read(buffer, 5, 6)).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("add buffer holds 10 bytes, cannot read 6 at 5");
	}

	private static byte[] read(AddBuffer buffer, long position, int length) throws IOException {
		ByteBuffer target = ByteBuffer.allocate(length);
		buffer.read(position, target);
		return target.array();
	}

}
