package dev.gathercopy.storage.file;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.gathercopy.storage.file.RecordingChannel.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChannelCopierTest {

	private static final int THRESHOLD = 64 * 1024;

	@TempDir
	Path dir;

	@Test
	void copiesRangeBelowThresholdThroughBuffer() throws IOException {
		byte[] source = random(100_000, 1);
		byte[] target = random(10_000, 2);
		try (RecordingChannel in = open("source", source); RecordingChannel out = open("target", target)) {
			new ChannelCopier().copy(in, 4096, out, 4096, THRESHOLD - 1, false);

			assertThat(in.transferredRanges()).isEmpty();
			assertThat(in.readRanges()).containsExactly(new Range(4096, 4096 + THRESHOLD - 1));
		}
		assertContent("target", expectedCopy(source, 4096, target, 4096, THRESHOLD - 1));
	}

	@Test
	void copiesRangeAtThresholdThroughKernel() throws IOException {
		byte[] source = random(THRESHOLD, 3);
		try (RecordingChannel in = open("source", source); RecordingChannel out = open("target", new byte[0])) {
			new ChannelCopier().copy(in, 0, out, 0, THRESHOLD, false);

			assertThat(in.transferredRanges()).containsExactly(new Range(0, THRESHOLD));
			assertThat(in.readRanges()).isEmpty();
		}
		assertContent("target", source);
	}

	@ParameterizedTest(name = "from {0} to {1}, {2} bytes")
	@CsvSource({ "100, 8292, 250000", "0, 0, 1048576", "4095, 12287, 70001", "1, 1, 3000000" })
	void copiesAlignedBodyThroughKernel(long from, long to, long length) throws IOException {
		byte[] source = random((int) (from + length + 17), 4);
		byte[] target = random(5000, 5);
		long head = (ChannelCopier.BLOCK - from % ChannelCopier.BLOCK) % ChannelCopier.BLOCK;
		long bodyEnd = from + head + (length - head) / ChannelCopier.BLOCK * ChannelCopier.BLOCK;
		try (RecordingChannel in = open("source", source); RecordingChannel out = open("target", target)) {
			new ChannelCopier().copy(in, from, out, to, length, false);

			assertThat(in.transferredRanges()).containsExactly(new Range(from + head, bodyEnd));
			assertThat(in.readRanges()).containsExactlyElementsOf(nonEmpty(new Range(from, from + head),
					new Range(bodyEnd, from + length)));
		}
		assertContent("target", expectedCopy(source, from, target, to, length));
	}

	@ParameterizedTest(name = "from {0} to {1}, {2} bytes")
	@CsvSource({ "100, 8193, 250000", "0, 1, 65536", "4096, 4095, 1048577", "7, 4099, 2500000" })
	void copiesUnalignedLargeRange(long from, long to, long length) throws IOException {
		byte[] source = random((int) (from + length), 6);
		byte[] target = random(3000, 7);
		try (RecordingChannel in = open("source", source); RecordingChannel out = open("target", target)) {
			new ChannelCopier().copy(in, from, out, to, length, false);

			assertThat(in.transferredRanges()).containsExactly(new Range(from, from + length));
			assertThat(in.readRanges()).isEmpty();
		}
		assertContent("target", expectedCopy(source, from, target, to, length));
	}

	@ParameterizedTest(name = "{0} bytes to {1}")
	@CsvSource({ "1000, 50000", "100000, 300001", "70000, 4096000" })
	void zeroFillsGapPastEnd(int length, long to) throws IOException {
		byte[] source = random(length, 8);
		byte[] target = random(10, 9);
		try (RecordingChannel in = open("source", source); RecordingChannel out = open("target", target)) {
			new ChannelCopier().copy(in, 0, out, to, length, false);

			assertThat(out.size()).isEqualTo(to + length);
		}
		assertContent("target", expectedCopy(source, 0, target, to, length));
	}

	@Test
	void copiesRangeLongerThanBufferInChunks() throws IOException {
		byte[] source = random(12_345, 10);
		try (RecordingChannel in = open("source", source); RecordingChannel out = open("target", new byte[0])) {
			new ChannelCopier(Long.MAX_VALUE, 1000).copy(in, 0, out, 0, source.length, false);
		}
		assertContent("target", source);
	}

	@ParameterizedTest(name = "from {0} to {1}, {2} bytes, buffer {3}")
	@CsvSource({ "0, 1, 100000, 4096", "1000, 1007, 3000, 1000", "0, 300000, 2500000, 1048576",
			"4096, 8192, 200000, 1048576", "5, 5, 70000, 1000" })
	void copiesOverlappingForwardAsIfReadWhole(long from, long to, long length, int bufferSize) throws IOException {
		byte[] file = random((int) (to + length + 3), 11);
		try (RecordingChannel channel = open("file", file)) {
			new ChannelCopier(THRESHOLD, bufferSize).copy(channel, from, channel, to, length, true);

			assertThat(channel.transferredRanges()).isEmpty();
		}
		assertContent("file", expectedCopy(file, from, file, to, length));
	}

	@ParameterizedTest(name = "from {0} to {1}, {2} bytes, buffer {3}")
	@CsvSource({ "1, 0, 100000, 4096", "1007, 1000, 3000, 1000", "300000, 0, 2500000, 1048576",
			"8192, 4096, 200000, 1048576" })
	void copiesOverlappingBackwardAsIfReadWhole(long from, long to, long length, int bufferSize) throws IOException {
		byte[] file = random((int) (from + length + 3), 12);
		try (RecordingChannel channel = open("file", file)) {
			new ChannelCopier(THRESHOLD, bufferSize).copy(channel, from, channel, to, length, true);

			assertThat(channel.transferredRanges()).isEmpty();
		}
		assertContent("file", expectedCopy(file, from, file, to, length));
	}

	@Test
	void overlappingCopyReachingPastEndGrowsFile() throws IOException {
		byte[] file = random(200_000, 13);
		try (RecordingChannel channel = open("file", file)) {
			new ChannelCopier(THRESHOLD, 4096).copy(channel, 100_000, channel, 150_001, 100_000, true);
		}
		assertContent("file", expectedCopy(file, 100_000, file, 150_001, 100_000));
	}

	@ParameterizedTest(name = "from {0} to {1}, {2} bytes")
	@CsvSource({ "0, 200000, 100000", "300000, 4096, 200000", "0, 500000, 70000" })
	void copiesDisjointRangesOfOneFileThroughKernel(long from, long to, long length) throws IOException {
		byte[] file = random(600_000, 14);
		Files.write(this.dir.resolve("file"), file);
		try (RecordingChannel in = open("file"); RecordingChannel out = open("file")) {
			new ChannelCopier().copy(in, from, out, to, length, true);

			assertThat(in.transferredRanges()).isNotEmpty();
		}
		assertContent("file", expectedCopy(file, from, file, to, length));
	}

	@ParameterizedTest(name = "{1} bytes from {0} of 100000")
	@CsvSource({ "99000, 2000", "0, 200000", "50000, 65536" })
	void failsWhenSourceEndsBeforeRange(long from, long length) throws IOException {
		try (RecordingChannel in = open("source", random(100_000, 15));
				RecordingChannel out = open("target", new byte[0])) {
			assertThatExceptionOfType(EOFException.class)
				.isThrownBy(() -> new ChannelCopier().copy(in, from, out, 0, length, false));
		}
	}

	private RecordingChannel open(String name, byte[] content) throws IOException {
		Files.write(this.dir.resolve(name), content);
		return open(name);
	}

	private RecordingChannel open(String name) throws IOException {
		return new RecordingChannel(FileChannel.open(this.dir.resolve(name), StandardOpenOption.READ,
				StandardOpenOption.WRITE));
	}

	private void assertContent(String name, byte[] expected) throws IOException {
		byte[] actual = Files.readAllBytes(this.dir.resolve(name));
		assertThat(Arrays.mismatch(actual, expected))
			.as("first byte where %s (%d bytes) differs from the expected %d bytes", name, actual.length,
					expected.length)
			.isEqualTo(-1);
	}

	/** The target after a copy that reads the whole range first and zero-fills any gap before it. */
	private static byte[] expectedCopy(byte[] source, long from, byte[] target, long to, long length) {
		byte[] range = Arrays.copyOfRange(source, (int) from, (int) (from + length));
		byte[] result = Arrays.copyOf(target, (int) Math.max(target.length, to + length));
		System.arraycopy(range, 0, result, (int) to, range.length);
		return result;
	}

	private static List<Range> nonEmpty(Range... ranges) {
		return Arrays.stream(ranges).filter((range) -> range.end() > range.start()).toList();
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
