package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Bytes, files and plan checks that the plan tests share. */
final class TestFiles {

	private TestFiles() {
	}

	static byte[] random(long seed, int size) {
		byte[] bytes = new byte[size];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < size; i += 8) {
			long value = random.nextLong();
			for (int j = i; j < Math.min(size, i + 8); j++) {
				bytes[j] = (byte) value;
				value >>>= 8;
			}
		}
		return bytes;
	}

	static Path write(Path directory, String name, byte[] bytes) {
		try {
			return Files.write(directory.resolve(name), bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Rebuilds the new file from base, plan and working file, and checks that it equals the working file. */
	static void assertRebuilds(Path base, Plan plan, Path working) throws IOException {
		Path rebuilt = working.resolveSibling(working.getFileName() + ".rebuilt");
		PlanApplier.rebuild(base, plan, working, rebuilt);
		assertThat(Files.mismatch(rebuilt, working)).as("first byte where the rebuilt file differs").isEqualTo(-1);
		Files.delete(rebuilt);
	}

	/** Checks that nothing in the plan could have been merged: no continuing regions, no touching literals. */
	static void assertNormalised(Plan plan) {
		List<Region> regions = plan.regions();
		for (int i = 1; i < regions.size(); i++) {
			Region previous = regions.get(i - 1);
			Region region = regions.get(i);
			assertThat(previous.destinationEnd() == region.destinationOffset()
					&& previous.sourceEnd() == region.sourceOffset())
				.as("region %s continues %s", region, previous)
				.isFalse();
		}
		List<Literal> literals = plan.literals();
		for (int i = 1; i < literals.size(); i++) {
			assertThat(literals.get(i).destinationOffset()).as("literal %s touches the one before", literals.get(i))
				.isGreaterThan(literals.get(i - 1).destinationEnd());
		}
	}

}
