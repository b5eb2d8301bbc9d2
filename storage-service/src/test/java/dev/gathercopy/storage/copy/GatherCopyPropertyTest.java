package dev.gathercopy.storage.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.gathercopy.storage.StorageApplication;
import dev.gathercopy.storage.copy.Operation.GatherFromRead;
import dev.gathercopy.storage.copy.Operation.Handles;
import dev.gathercopy.storage.copy.Operation.Refused;
import dev.gathercopy.storage.copy.Operation.ScatterWrite;
import dev.gathercopy.storage.copy.Operation.SelfCopy;
import dev.gathercopy.storage.copy.Operation.WriteData;
import dev.gathercopy.storage.copy.StorageApi.Answer;
import dev.gathercopy.storage.write.Extent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the running service over HTTP with random gather-copies (from a read handle and from the write handle
 * itself), scatter-writes, data writes and refused requests, and checks that the committed file is byte for byte what
 * an in-memory reference model of the same operations holds.
 */
class GatherCopyPropertyTest {

	private static final int BLOCK = 4096;

	private static final int MIB = 1 << 20;

	/** The copier's default kernel threshold, used only to label which path a region takes. */
	private static final long KERNEL_THRESHOLD = 64 * 1024;

	private static final int MAX_BASE = MIB + 65_537;

	/** How far past the current end a write or copy may start. */
	private static final long GAP = 300_000;

	/** Destinations are chosen to end below this (overlapping self-copies may go a little further). */
	private static final long SIZE_CAP = 6L * MIB;

	private static final long MAX_DATA = MIB + BLOCK + 1;

	private static final int MAX_OPERATIONS = 8;

	private static final int MIN_HITS = 3;

	private static final String OPERATION = "operation";

	private static final String PATH = "copy path";

	private static final String BUFFERED = "buffered";

	private static final String KERNEL_SPLIT = "kernel, split at blocks";

	private static final String KERNEL_UNALIGNED = "kernel, unaligned";

	private static final String OVERLAP_FORWARD = "overlapping, forward";

	private static final String OVERLAP_BACKWARD = "overlapping, backward or in place";

	private static final String REFUSED = "refused request";

	private static final String GAP_LABEL = "gap";

	private static final String PAST_END = "starts past the end";

	private static final String LENGTH = "length";

	private static final String OVER_MIB = "over 1 MiB";

	/** The service's maximum file size in this test; writes ending one byte past it are refused. */
	private static final long MAX_FILE_SIZE = 64L * MIB;

	private static final AtomicInteger TRIES = new AtomicInteger();

	private static Path root;

	private static ConfigurableApplicationContext service;

	private static StorageApi api;

	/** A base file (pseudo-random bytes from a seed) and the operations to apply to a new write handle. */
	record Scenario(int baseSize, long baseSeed, List<Operation> operations) {
	}

	@BeforeContainer
	static void startService() throws IOException {
		root = Files.createTempDirectory("gathercopy-property-");
		service = new SpringApplicationBuilder(StorageApplication.class).run("--server.port=0",
				"--storage.root=" + root, "--storage.limits.max-file-size=" + MAX_FILE_SIZE + "B",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN");
		api = new StorageApi(service.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	@AfterContainer
	static void stopService() throws IOException {
		if (service != null) {
			service.close();
		}
		if (root != null) {
			try (Stream<Path> paths = Files.walk(root)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	/** jqwik's own edge cases are off: they made most tries tiny, and the generators lean to the boundaries anyway. */
	@Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
	void committedFileEqualsReferenceModel(@ForAll("scenarios") Scenario scenario) {
		String path = "property/" + TRIES.incrementAndGet() + ".bin";
		byte[] base = Operation.bytes(scenario.baseSeed(), scenario.baseSize());
		StorageApi.expect(api.putFile(path, base), 201);
		Handles handles = new Handles(api.openHandle(path, "read"), api.openHandle(path, "write"));
		ReferenceFile model = new ReferenceFile(new byte[0]);
		try {
			List<Operation> operations = scenario.operations();
			for (int i = 0; i < operations.size(); i++) {
				Operation operation = operations.get(i);
				collectPaths(operation, model.size());
				Statistics.label(OPERATION).collect(operation.getClass().getSimpleName());
				Answer answer = operation.perform(api, handles);
				if (operation instanceof Refused refused) {
					assertThat(answer.status()).as("status of operation %d, %s: %s", i, operation, answer)
						.isEqualTo(refused.status());
					assertThat(answer.problem()).as("problem of operation %d: %s", i, answer)
						.isEqualTo(refused.problem());
					assertThat(api.handleSize(handles.write())).as("size after refused operation %d", i)
						.isEqualTo(model.size());
				}
				else {
					assertThat(answer.status()).as("status of operation %d, %s: %s", i, operation, answer)
						.isEqualTo(200);
					operation.applyTo(model, base);
					assertThat(answer.size()).as("size after operation %d: %s", i, answer).isEqualTo(model.size());
				}
			}
			StorageApi.expect(api.commit(handles.write()), 200);
			byte[] committed = api.getFile(path);
			byte[] expected = model.content();
			assertThat(Arrays.mismatch(committed, expected))
				.as("first byte where the committed file (%d bytes) differs from the model (%d bytes)",
						committed.length, expected.length)
				.isEqualTo(-1);
			requireHits(PATH, BUFFERED, KERNEL_SPLIT, KERNEL_UNALIGNED, OVERLAP_FORWARD, OVERLAP_BACKWARD, REFUSED);
			requireHits(GAP_LABEL, PAST_END);
			requireHits(LENGTH, OVER_MIB);
		}
		finally {
			api.closeHandle(handles.read());
			api.deleteFile(path);
		}
	}

	@Provide
	Arbitrary<Scenario> scenarios() {
		return baseSizes().flatMap((size) -> Combinators
			.combine(Arbitraries.longs(),
					Arbitraries.integers().between(1, MAX_OPERATIONS).flatMap((count) -> operations(size, 0, count)))
			.as((seed, operations) -> new Scenario(size, seed, operations)));
	}

	private static Arbitrary<Integer> baseSizes() {
		return Arbitraries.frequencyOf(
				Tuple.of(2,
						Arbitraries.of(0, 1, 4095, 4096, 4097, 65535, 65536, 65537, MIB - 1, MIB, MIB + 1, MAX_BASE)),
				Tuple.of(3, Combinators.combine(uniform(1, MAX_BASE / BLOCK), Arbitraries.of(-1L, 0L, 1L))
					.as((blocks, delta) -> (int) (blocks * BLOCK + delta))),
				Tuple.of(3, uniform(0, MAX_BASE).map(Math::toIntExact)),
				Tuple.of(3, uniform(MIB - 65_536, MAX_BASE).map(Math::toIntExact)));
	}

	/** Operations valid (or refused) in order, each chosen knowing the staged file's size it will meet. */
	private static Arbitrary<List<Operation>> operations(long base, long size, int count) {
		if (count == 0) {
			return Arbitraries.just(List.of());
		}
		return operation(base, size).flatMap((first) -> operations(base, first.sizeAfter(size), count - 1)
			.map((rest) -> prepend(first, rest)));
	}

	private static Arbitrary<Operation> operation(long base, long size) {
		List<Tuple2<Integer, Arbitrary<Operation>>> choices = new ArrayList<>();
		if (base > 0) {
			choices.add(Tuple.of(4, readRegions(base, size).<Operation>map(GatherFromRead::new)));
		}
		if (size > 0) {
			choices.add(Tuple.of(4, Arbitraries.integers()
				.between(1, 3)
				.flatMap((count) -> selfRegions(size, count))
				.<Operation>map(SelfCopy::new)));
		}
		choices.add(Tuple.of(2, scatterWrite(size)));
		choices.add(Tuple.of(2, writeData(size)));
		choices.add(Tuple.of(2, refused(base, size)));
		return Arbitraries.frequencyOf(choices);
	}

	private static Arbitrary<List<Region>> readRegions(long base, long size) {
		return readRegion(base, size).list().ofMinSize(1).ofMaxSize(3);
	}

	private static Arbitrary<Region> readRegion(long base, long size) {
		return sourceRanges(base).flatMap((range) -> destinations(range.get1(), range.get2(), size)
			.map((to) -> new Region(range.get1(), to, range.get2())));
	}

	/** Source ranges (offset, length) within a source of the given size, now and then the whole of it. */
	private static Arbitrary<Tuple2<Long, Long>> sourceRanges(long sourceSize) {
		Arbitrary<Tuple2<Long, Long>> part = offsets(sourceSize - 1)
			.flatMap((from) -> lengths(sourceSize - from).map((length) -> Tuple.of(from, length)));
		return Arbitraries.frequencyOf(Tuple.of(5, part), Tuple.of(1, Arbitraries.just(Tuple.of(0L, sourceSize))));
	}

	/** Self-copy regions, each valid against the size left by the regions before it. */
	private static Arbitrary<List<Region>> selfRegions(long size, int count) {
		if (count == 0) {
			return Arbitraries.just(List.of());
		}
		return selfRegion(size).flatMap((region) -> selfRegions(end(region, size), count - 1)
			.map((rest) -> prepend(region, rest)));
	}

	private static Arbitrary<Region> selfRegion(long size) {
		return sourceRanges(size).flatMap((range) -> selfDestinations(range.get1(), range.get2(), size)
			.map((to) -> new Region(range.get1(), to, range.get2())));
	}

	/** Destinations overlapping the source on either side, or anywhere a copy from elsewhere could go. */
	private static Arbitrary<Long> selfDestinations(long from, long length, long size) {
		List<Tuple2<Integer, Arbitrary<Long>>> choices = new ArrayList<>();
		choices.add(Tuple.of(2, destinations(from, length, size)));
		if (length > 1) {
			choices.add(Tuple.of(2, lengths(length - 1).map((shift) -> from + shift)));
			if (from > 0) {
				choices.add(Tuple.of(2, lengths(Math.min(from, length - 1)).map((shift) -> from - shift)));
			}
		}
		return Arbitraries.frequencyOf(choices);
	}

	/** Destinations anywhere up to a little past the end, congruent with the source modulo the block or not. */
	private static Arbitrary<Long> destinations(long from, long length, long size) {
		long limit = Math.max(0, Math.min(size + GAP, SIZE_CAP - length));
		Arbitrary<Long> congruent = uniform(0, limit / BLOCK).map((blocks) -> blocks * BLOCK + from % BLOCK);
		return Arbitraries.frequencyOf(Tuple.of(3, offsets(limit)), Tuple.of(3, congruent),
				Tuple.of(1, Arbitraries.just(size)), Tuple.of(1, Arbitraries.just(from)));
	}

	private static Arbitrary<Operation> scatterWrite(long size) {
		return extents(size).list().ofMinSize(1).ofMaxSize(4).flatMap((layout) -> Arbitraries.longs()
			.map((seed) -> new ScatterWrite(layout, (int) total(layout), seed)));
	}

	private static Arbitrary<Extent> extents(long size) {
		return lengths(MAX_DATA / 2).flatMap((length) -> offsets(Math.min(size + GAP, SIZE_CAP - length))
			.map((offset) -> new Extent(offset, length)));
	}

	private static Arbitrary<Operation> writeData(long size) {
		return lengths(MAX_DATA).flatMap((length) -> Combinators
			.combine(offsets(Math.min(size + GAP, SIZE_CAP - length)), Arbitraries.longs())
			.as((offset, seed) -> new WriteData(offset, Math.toIntExact(length), seed)));
	}

	/**
	 * Requests that must be refused: negative offsets, lengths that are not positive, sources past their end, ends past
	 * the maximum file size, layouts that do not match their data.
	 */
	private static Arbitrary<Operation> refused(long base, long size) {
		Arbitrary<Long> negative = Arbitraries.of(-1L, (long) -BLOCK, Long.MIN_VALUE);
		Arbitrary<List<Region>> validPrefix = (base > 0)
				? Arbitraries.oneOf(Arbitraries.just(List.of()), readRegions(base, size))
				: Arbitraries.just(List.of());
		Arbitrary<Region> negativeSource = Combinators.combine(negative, offsets(size), lengths(MIB))
			.as(Region::new);
		Arbitrary<Region> negativeDestination = Combinators.combine(offsets(base), negative, lengths(MIB))
			.as(Region::new);
		Arbitrary<Region> emptyLength = Combinators.combine(offsets(base), offsets(size), Arbitraries.of(0L, -1L))
			.as(Region::new);
		Arbitrary<Region> pastBase = offsets(base).flatMap((from) -> Combinators
			.combine(offsets(size), lengths(100_000))
			.as((to, extra) -> new Region(from, to, base - from + extra)));
		Arbitrary<Operation> pastOwnEnd = Arbitraries.integers()
			.between(0, (size > 0) ? 1 : 0)
			.flatMap((count) -> selfRegions(size, count))
			.flatMap((prefix) -> {
				long grown = prefix.stream().mapToLong((region) -> end(region, size)).reduce(size, Math::max);
				return offsets(grown).flatMap((from) -> Combinators.combine(offsets(grown), lengths(100_000))
					.as((to, extra) -> new Refused(new SelfCopy(append(prefix,
							new Region(from, to, grown - from + extra))), 416, "source-range-not-satisfiable")));
			});
		Arbitrary<Operation> negativeWrite = Combinators.combine(negative, Arbitraries.integers().between(1, 100),
				Arbitraries.longs()).as((offset, length, seed) -> new Refused(new WriteData(offset, length, seed), 400,
						"invalid-request"));
		Arbitrary<Operation> negativeExtent = Combinators.combine(extents(size).list().ofMaxSize(2), negative,
				lengths(1000), Arbitraries.longs()).as((layout, offset, length, seed) -> {
					List<Extent> bad = append(layout, new Extent(offset, length));
					return new Refused(new ScatterWrite(bad, (int) total(bad), seed), 400, "invalid-region");
				});
		Arbitrary<Operation> layoutMismatch = Combinators.combine(extents(size).list().ofMinSize(1).ofMaxSize(3),
				Arbitraries.of(-1, 1), Arbitraries.longs()).as((layout, delta, seed) -> new Refused(
						new ScatterWrite(layout, (int) total(layout) + delta, seed), 400, "layout-mismatch"));
		Arbitrary<Operation> writePastLimit = lengths(1000).flatMap((length) -> Arbitraries.longs()
			.map((seed) -> new Refused(new WriteData(MAX_FILE_SIZE - length + 1, Math.toIntExact(length), seed), 413,
					"file-too-large")));
		List<Arbitrary<Operation>> choices = new ArrayList<>(List.of(
				refusedCopy(validPrefix, negativeSource, 400, "invalid-region"),
				refusedCopy(validPrefix, negativeDestination, 400, "invalid-region"),
				refusedCopy(validPrefix, emptyLength, 400, "invalid-region"),
				refusedCopy(validPrefix, pastBase, 416, "source-range-not-satisfiable"), pastOwnEnd, negativeWrite,
				writePastLimit, negativeExtent, layoutMismatch));
		if (base > 0) {
			Arbitrary<Region> pastLimit = sourceRanges(base)
				.map((range) -> new Region(range.get1(), MAX_FILE_SIZE - range.get2() + 1, range.get2()));
			choices.add(refusedCopy(validPrefix, pastLimit, 413, "file-too-large"));
		}
		return Arbitraries.oneOf(choices);
	}

	private static Arbitrary<Operation> refusedCopy(Arbitrary<List<Region>> prefix, Arbitrary<Region> bad, int status,
			String problem) {
		return Combinators.combine(prefix, bad)
			.as((regions, region) -> new Refused(new GatherFromRead(append(regions, region)), status, problem));
	}

	/** Offsets in {@code [0, max]}, leaning to both ends and to block boundaries. */
	private static Arbitrary<Long> offsets(long max) {
		Arbitrary<Long> nearBlocks = Combinators
			.combine(uniform(0, max / BLOCK), Arbitraries.of(-1L, 0L, 1L))
			.as((blocks, delta) -> Math.min(max, Math.max(0, blocks * BLOCK + delta)));
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.just(max)),
				Tuple.of(3, nearBlocks), Tuple.of(4, uniform(0, max)));
	}

	/**
	 * Lengths in {@code [1, max]}, leaning to tiny ones, to the block size, the copier's kernel threshold and its
	 * buffer size, each give or take a byte.
	 */
	private static Arbitrary<Long> lengths(long max) {
		Arbitrary<Long> edges = Arbitraries.of(1L, 2L, 4095L, 4096L, 4097L, 8191L, 8193L, 65535L, 65536L, 65537L,
				MIB - 1L, (long) MIB, MIB + 1L, MIB + BLOCK + 1L);
		Arbitrary<Long> blocks = Combinators
			.combine(uniform(1, 320), Arbitraries.of(-1L, 0L, 1L))
			.as((count, delta) -> count * BLOCK + delta);
		return Arbitraries
			.frequencyOf(Tuple.of(3, Arbitraries.longs().between(1, 300)), Tuple.of(3, edges), Tuple.of(2, blocks),
					Tuple.of(2, uniform(1, max)), Tuple.of(1, uniform(MIB - BLOCK, 2L * MIB)))
			.map((length) -> Math.min(length, max));
	}

	/** Longs spread evenly over the range, not leaning to its low end as jqwik's default does. */
	private static Arbitrary<Long> uniform(long min, long max) {
		return Arbitraries.longs().between(min, max).withDistribution(RandomDistribution.uniform());
	}

	/** Labels the copier path each region of a successful copy takes, so the report shows what the tries covered. */
	private static void collectPaths(Operation operation, long size) {
		if (operation instanceof GatherFromRead read) {
			read.regions().forEach((region) -> collectPath(region, false, size));
		}
		else if (operation instanceof SelfCopy self) {
			long grown = size;
			for (Region region : self.regions()) {
				collectPath(region, true, grown);
				grown = end(region, grown);
			}
		}
		else if (operation instanceof Refused) {
			Statistics.label(PATH).collect(REFUSED);
		}
	}

	private static void collectPath(Region region, boolean self, long size) {
		long from = region.sourceOffset();
		long to = region.destinationOffset();
		long length = region.length();
		String path;
		if (self && from < to + length && to < from + length) {
			path = (to > from) ? OVERLAP_FORWARD : OVERLAP_BACKWARD;
		}
		else if (length < KERNEL_THRESHOLD) {
			path = BUFFERED;
		}
		else {
			path = (from % BLOCK == to % BLOCK) ? KERNEL_SPLIT : KERNEL_UNALIGNED;
		}
		Statistics.label(PATH).collect(path);
		Statistics.label(GAP_LABEL).collect((to > size) ? PAST_END : "starts within");
		Statistics.label(LENGTH).collect((length > MIB) ? OVER_MIB : "up to 1 MiB");
	}

	/** Fails the property when its tries hit any of these values of a label fewer than {@value #MIN_HITS} times. */
	private static void requireHits(String label, String... values) {
		Statistics.label(label).coverage((coverage) -> {
			for (String value : values) {
				coverage.check(value).count((Predicate<Integer>) (count) -> count >= MIN_HITS);
			}
		});
	}

	private static long end(Region region, long size) {
		return Math.max(size, region.destinationOffset() + region.length());
	}

	private static long total(List<Extent> layout) {
		return layout.stream().mapToLong(Extent::length).sum();
	}

	private static <T> List<T> prepend(T first, List<T> rest) {
		List<T> all = new ArrayList<>(rest.size() + 1);
		all.add(first);
		all.addAll(rest);
		return all;
	}

	private static <T> List<T> append(List<T> first, T last) {
		List<T> all = new ArrayList<>(first);
		all.add(last);
		return all;
	}

}
