package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralSourceTest {

	@TempDir
	Path directory;

	@Test
	void concatenatedLiteralsAreReadByTheirDestinationOffsets() throws IOException {
		Path sent = Files.writeString(this.directory.resolve("sent"), "abXYZ", StandardCharsets.US_ASCII);
		try (FileChannel channel = FileChannel.open(sent)) {
			LiteralSource source = LiteralSource.concatenated(channel,
					List.of(new Literal(3, 2), new Literal(10, 3)));
			assertThat(read(source, 3, 2)).isEqualTo("ab");
			assertThat(read(source, 4, 1)).isEqualTo("b");
			assertThat(read(source, 10, 3)).isEqualTo("XYZ");
			assertThat(read(source, 11, 2)).isEqualTo("YZ");
		}
	}

	@Test
	void aPlanRebuiltFromConcatenatedLiteralsIsTheNewFile() throws IOException {
		Path base = Files.writeString(this.directory.resolve("base"), "0123456789", StandardCharsets.US_ASCII);
		Path sent = Files.writeString(this.directory.resolve("sent"), "ab!", StandardCharsets.US_ASCII);
		Plan plan = new Plan("edit-log", 12,
				List.of(new Region(0, 0, 3), new Region(5, 5, 5), new Region(1, 10, 1)),
				List.of(new Literal(3, 2), new Literal(11, 1)));
		Path rebuilt = this.directory.resolve("rebuilt");
		try (FileChannel from = FileChannel.open(base); FileChannel literals = FileChannel.open(sent);
				FileChannel out = FileChannel.open(rebuilt, StandardOpenOption.CREATE,
						StandardOpenOption.WRITE)) {
			PlanApplier.rebuild(from, plan, LiteralSource.concatenated(literals, plan.literals()), out);
		}
		assertThat(Files.readString(rebuilt, StandardCharsets.US_ASCII)).isEqualTo("012ab567891!");
	}

	private static String read(LiteralSource source, long offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		source.read(offset, buffer);
		return new String(buffer.array(), StandardCharsets.US_ASCII);
	}

}
