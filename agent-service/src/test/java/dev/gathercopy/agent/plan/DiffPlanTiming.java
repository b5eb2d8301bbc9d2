package dev.gathercopy.agent.plan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Times diff plans of two files, to compare with other delta tools on the same pair.
 *
 * <pre>
 * java -cp target/classes:target/test-classes dev.gathercopy.agent.plan.DiffPlanTiming BASE WORKING [RUNS]
 * java -cp target/classes:target/test-classes dev.gathercopy.agent.plan.DiffPlanTiming --make DIR MIB SPOTS
 * </pre>
 *
 * The second form writes {@code DIR/base}, a random file of {@code MIB} MiB, and {@code DIR/new}, the same with
 * {@code SPOTS} scattered 100-byte overwrites, then times the plan of that pair.
 */
final class DiffPlanTiming {

	private DiffPlanTiming() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 4 && args[0].equals("--make")) {
			Path directory = Path.of(args[1]);
			Files.createDirectories(directory);
			makePair(directory.resolve("base"), directory.resolve("new"), Long.parseLong(args[2]) << 20,
					Integer.parseInt(args[3]));
			time(directory.resolve("base"), directory.resolve("new"), 3);
		}
		else if (args.length == 2 || args.length == 3) {
			time(Path.of(args[0]), Path.of(args[1]), (args.length == 3) ? Integer.parseInt(args[2]) : 3);
		}
		else {
			System.err.println("usage: DiffPlanTiming BASE WORKING [RUNS] | --make DIR MIB SPOTS");
			System.exit(2);
		}
	}

	static void time(Path base, Path working, int runs) throws IOException {
		System.out.printf("base %,d bytes, working %,d bytes, block %,d bytes%n", Files.size(base),
				Files.size(working), DiffPlanner.blockSize(Files.size(base)));
		for (int run = 1; run <= runs; run++) {
			long start = System.nanoTime();
			Plan plan = DiffPlanner.plan(base, working);
			long nanos = System.nanoTime() - start;
			System.out.printf("run %d: %.3f s, %,d regions, %,d literals, %,d literal bytes, %,d reused bytes%n", run,
					nanos / 1e9, plan.regionCount(), plan.literalCount(), plan.literalBytes(), plan.reusedBytes());
		}
	}

	/** Writes a random base and a copy with {@code spots} 100-byte overwrites at random, non-touching places. */
	static void makePair(Path base, Path working, long size, int spots) throws IOException {
		SplittableRandom random = new SplittableRandom(42);
		ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
		try (OutputStream out = Files.newOutputStream(base)) {
			for (long done = 0; done < size; done += chunk.capacity()) {
				fill(chunk.array(), random);
				out.write(chunk.array(), 0, (int) Math.min(chunk.capacity(), size - done));
			}
		}
		Files.copy(base, working, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		long[] offsets = new long[spots];
		long slot = size / Math.max(1, spots);
		for (int i = 0; i < spots; i++) {
			offsets[i] = i * slot + random.nextLong(Math.max(1, slot - 100));
		}
		Arrays.sort(offsets);
		try (FileChannel channel = FileChannel.open(working, StandardOpenOption.WRITE)) {
			byte[] spot = new byte[100];
			for (long offset : offsets) {
				fill(spot, random);
				channel.write(ByteBuffer.wrap(spot), offset);
			}
		}
	}

	private static void fill(byte[] bytes, SplittableRandom random) {
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
	}

}
