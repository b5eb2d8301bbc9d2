package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.gathercopy.agent.plan.EditModel.Segment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random files from empty to 4 MiB, bigger ones rarer, and random sequences of inserts, deletes, replaces, moves and
 * copies at random places, planned both ways.
 */
class PlanPropertiesTest {

	private static Path directory;

	/** A base file: {@code size} bytes of a kind of content, made from {@code seed}. */
	record Base(Content content, int size, long seed) {

		enum Content {

			RANDOM, ZEROS_WITH_MARKERS, REPEATED_PATTERN, SMALL_ALPHABET

		}

		byte[] bytes() {
			SplittableRandom random = new SplittableRandom(this.seed);
			byte[] bytes = (this.content == Content.RANDOM) ? TestFiles.random(this.seed, this.size)
					: new byte[this.size];
			switch (this.content) {
				case ZEROS_WITH_MARKERS -> {
					for (int i = 0; i < bytes.length; i += 1 + random.nextInt(8192)) {
						bytes[i] = (byte) random.nextInt(256);
					}
				}
				case REPEATED_PATTERN -> {
					byte[] pattern = TestFiles.random(this.seed, 1 + random.nextInt(600));
					for (int i = 0; i < bytes.length; i++) {
						bytes[i] = pattern[i % pattern.length];
					}
				}
				case SMALL_ALPHABET -> {
					for (int i = 0; i < bytes.length; i++) {
						bytes[i] = (byte) ('a' + random.nextInt(4));
					}
				}
				default -> {
				}
			}
			return bytes;
		}

	}

	@BeforeContainer
	static void createDirectory() throws IOException {
		directory = Files.createTempDirectory("plan-properties");
	}

	@AfterContainer
	static void deleteDirectory() throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Property(tries = 100)
	void editLogPlanIsExactlyTheEditedPieces(@ForAll("anyBase") Base base, @ForAll("edits") List<Edit> edits)
			throws IOException {
		byte[] baseBytes = base.bytes();
		Path added = directory.resolve("added");
		Files.deleteIfExists(added);
		try (FileAddBuffer buffer = FileAddBuffer.open(added)) {
			EditLog log = new EditLog(baseBytes.length, buffer);
			EditModel model = new EditModel(baseBytes, true);
			for (Edit edit : edits) {
				edit.apply(model, log);
			}

			Plan plan = log.plan();

			assertThat(plan.size()).isEqualTo(model.size());
			assertThat(plan.regions()).isEqualTo(regionsOf(model.segments()));
			assertThat(plan.literalBytes()).isEqualTo(model.newBytes());
			TestFiles.assertNormalised(plan);
			Path basePath = TestFiles.write(directory, "base", baseBytes);
			assertThat(rebuildFromAddBuffer(basePath, plan, log)).isEqualTo(model.content());
			TestFiles.assertRebuilds(basePath, plan, TestFiles.write(directory, "working", model.content()));
			ByteArrayOutputStream saved = new ByteArrayOutputStream();
			log.writeTo(saved);
			assertThat(EditLog.readFrom(new ByteArrayInputStream(saved.toByteArray()), buffer).plan()).isEqualTo(plan);
		}
	}

	@Property(tries = 100)
	void diffPlanRebuildsTheWorkingFile(@ForAll("anyBase") Base base, @ForAll("edits") List<Edit> edits)
			throws IOException {
		byte[] baseBytes = base.bytes();
		EditModel model = new EditModel(baseBytes, false);
		for (Edit edit : edits) {
			edit.apply(model, null);
		}
		Path basePath = TestFiles.write(directory, "base", baseBytes);
		Path working = TestFiles.write(directory, "working", model.content());

		Plan plan = DiffPlanner.plan(basePath, working);

		assertThat(plan.size()).isEqualTo(model.size());
		TestFiles.assertNormalised(plan);
		TestFiles.assertRebuilds(basePath, plan, working);
	}

	@Property(tries = 100)
	void diffPlanLiteralBytesWithinChangedBytesPlus64PerSpot(@ForAll("randomBase") Base base,
			@ForAll("edits") List<Edit> edits) throws IOException {
		byte[] baseBytes = base.bytes();
		EditModel model = new EditModel(baseBytes, false);
		for (Edit edit : edits) {
			edit.apply(model, null);
		}
		Path basePath = TestFiles.write(directory, "base", baseBytes);
		Path working = TestFiles.write(directory, "working", model.content());

		Plan plan = DiffPlanner.plan(basePath, working);

		TestFiles.assertRebuilds(basePath, plan, working);
		long allowed = LiteralAllowance.of(model, baseBytes.length, DiffPlanner.blockSize(baseBytes.length));
		assertThat(plan.literalBytes()).as("literal bytes for %s new bytes, %s spots and runs %s", model.newBytes(),
				model.spots(), model.segments())
			.isLessThanOrEqualTo(allowed);
	}

	@Provide
	Arbitrary<Base> anyBase() {
		return Combinators.combine(Arbitraries.of(Base.Content.class), sizes(), seeds()).as(Base::new);
	}

	@Provide
	Arbitrary<Base> randomBase() {
		return Combinators.combine(Arbitraries.just(Base.Content.RANDOM), sizes(), seeds()).as(Base::new);
	}

	@Provide
	Arbitrary<List<Edit>> edits() {
		Arbitrary<Integer> lengths = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.integers().between(1, 64)),
				Tuple.of(4, Arbitraries.integers().between(65, 4096)),
				Tuple.of(2, Arbitraries.integers().between(4097, 65_536)));
		Arbitrary<Double> places = Arbitraries.doubles().between(0, 1);
		Arbitrary<Edit> edit = Combinators
			.combine(Arbitraries.of(Edit.Kind.class), places, places, lengths, seeds())
			.as(Edit::new);
		return edit.list().ofMinSize(0).ofMaxSize(8);
	}

	private static Arbitrary<Long> seeds() {
		return Arbitraries.longs().withoutEdgeCases();
	}

	private static Arbitrary<Integer> sizes() {
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
				Tuple.of(3, Arbitraries.integers().between(1, 4096)),
				Tuple.of(5, Arbitraries.integers().between(4097, 256 * 1024)),
				Tuple.of(1, Arbitraries.integers().between(256 * 1024 + 1, 4 << 20)));
	}

	private static List<Region> regionsOf(List<Segment> segments) {
		List<Region> regions = new ArrayList<>();
		long offset = 0;
		for (Segment segment : segments) {
			if (segment.fromBase()) {
				regions.add(new Region(segment.source(), offset, segment.length()));
			}
			offset += segment.length();
		}
		return regions;
	}

	private static byte[] rebuildFromAddBuffer(Path base, Plan plan, EditLog log) throws IOException {
		Path rebuilt = directory.resolve("rebuilt-from-add-buffer");
		try (FileChannel baseChannel = FileChannel.open(base);
				FileChannel target = FileChannel.open(rebuilt, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING)) {
			PlanApplier.rebuild(baseChannel, plan, log.literals(), target);
		}
		return Files.readAllBytes(rebuilt);
	}

}
