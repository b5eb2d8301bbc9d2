package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditLogTest {

	@TempDir
	Path directory;

	@Test
	void newLogPlansWholeBaseAsOneRegion() {
		Plan plan = new EditLog(10_000, new MemoryAddBuffer()).plan();

		assertThat(plan.method()).isEqualTo(Plan.EDIT_LOG);
		assertThat(plan.regions()).containsExactly(new Region(0, 0, 10_000));
		assertThat(plan.literals()).isEmpty();
	}

	@Test
	void emptyBaseWithoutEditsPlansNothing() {
		Plan plan = new EditLog(0, new MemoryAddBuffer()).plan();

		assertThat(plan.size()).isZero();
		assertThat(plan.regionCount() + plan.literalCount()).isZero();
	}

	@Test
	void insertAtEndBecomesLiteral() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());

		log.insert(1000, new byte[50]);

		assertThat(log.plan().regions()).containsExactly(new Region(0, 0, 1000));
		assertThat(log.plan().literals()).containsExactly(new Literal(1000, 50));
	}

	@Test
	void insertInMiddleSplitsBaseIntoTwoRegions() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());

		log.insert(400, new byte[7]);

		assertThat(log.plan().regions()).containsExactly(new Region(0, 0, 400), new Region(400, 407, 600));
		assertThat(log.plan().literals()).containsExactly(new Literal(400, 7));
		assertThat(log.size()).isEqualTo(1007);
	}

	@Test
	void deleteSpanningPieces() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());
		log.insert(300, new byte[100]);
		log.insert(700, new byte[100]);

		log.delete(250, 600);

		Plan plan = log.plan();
		assertThat(plan.regions()).containsExactly(new Region(0, 0, 250), new Region(650, 250, 350));
		assertThat(plan.literals()).isEmpty();
		assertThat(log.size()).isEqualTo(600);
	}

	@Test
	void deletingInsertedBytesJoinsTheBaseAgain() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());
		log.insert(500, new byte[64]);

		log.delete(500, 64);

		assertThat(log.plan().regions()).containsExactly(new Region(0, 0, 1000));
		assertThat(log.pieceCount()).isEqualTo(1);
	}

	@Test
	void deleteEverythingLeavesAnEmptyFile() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());
		log.insert(10, new byte[10]);

		log.delete(0, 1010);

		assertThat(log.size()).isZero();
		assertThat(log.plan().regionCount() + log.plan().literalCount()).isZero();
	}

	@Test
	void replaceInsideBaseKeepsCongruentRegionsAroundIt() throws IOException {
		EditLog log = new EditLog(1 << 20, new MemoryAddBuffer());

		log.replace(5000, new byte[300]);

		Plan plan = log.plan();
		assertThat(plan.regions()).containsExactly(new Region(0, 0, 5000), new Region(5300, 5300, (1 << 20) - 5300));
		assertThat(plan.regions()).allMatch(Region::blockCongruent);
		assertThat(plan.literals()).containsExactly(new Literal(5000, 300));
	}

	@Test
	void replacePastEndGrowsFile() throws IOException {
		EditLog log = new EditLog(100, new MemoryAddBuffer());

		log.replace(90, new byte[30]);

		assertThat(log.size()).isEqualTo(120);
		assertThat(log.plan().regions()).containsExactly(new Region(0, 0, 90));
		assertThat(log.plan().literals()).containsExactly(new Literal(90, 30));
	}

	@Test
	void sequentialWritesStayOnePiece() throws IOException {
		EditLog log = new EditLog(0, new MemoryAddBuffer());

		for (int i = 0; i < 1000; i++) {
			log.replace(log.size(), new byte[100]);
		}

		assertThat(log.pieceCount()).isEqualTo(1);
		assertThat(log.plan().literals()).containsExactly(new Literal(0, 100_000));
	}

	@Test
	void overwritingWrittenBytesAgainTakesTheirPlace() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());
		log.replace(100, bytes(1, 200));

		log.replace(150, bytes(2, 50));

		Plan plan = log.plan();
		assertThat(plan.literals()).containsExactly(new Literal(100, 200));
		assertThat(read(log, 100, 200)).isEqualTo(concat(Arrays.copyOfRange(bytes(1, 200), 0, 50), bytes(2, 50),
				Arrays.copyOfRange(bytes(1, 200), 100, 200)));
	}

	@Test
	void offsetsOutsideTheFileAreRefusedNamingTheProblem() throws IOException {
		EditLog log = new EditLog(100, new MemoryAddBuffer());

		assertThatThrownBy(() -> log.insert(101, new byte[1])).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("insert offset 101 lies outside the file [0, 100]");
		assertThatThrownBy(() -> log.insert(-1, new byte[1])).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("insert offset -1 lies outside the file [0, 100]");
		assertThatThrownBy(() -> log.replace(101, new byte[1])).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("replace offset 101 lies outside the file [0, 100]");
		assertThatThrownBy(() -> log.delete(90, 11)).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("delete of 11 bytes at 90 runs past the end of the file (100 bytes)");
		assertThatThrownBy(() -> log.delete(101, 0)).isInstanceOf(IndexOutOfBoundsException.class)
			.hasMessage("delete offset 101 lies outside the file [0, 100]");
		assertThatThrownBy(() -> log.delete(10, -1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("delete length must not be negative: -1");
		assertThat(log.plan().regions()).containsExactly(new Region(0, 0, 100));
	}

	@Test
	void literalsReadFromTheAddBuffer() throws IOException {
		EditLog log = new EditLog(1000, new MemoryAddBuffer());
		log.insert(10, bytes(1, 30));
		log.insert(40, bytes(2, 20));

		assertThat(log.plan().literals()).containsExactly(new Literal(10, 50));
		assertThat(read(log, 10, 50)).isEqualTo(concat(bytes(1, 30), bytes(2, 20)));
		assertThatThrownBy(() -> read(log, 5, 10)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("come from the base");
	}

	@Test
	void rebuildFromPlanAndAddBufferEqualsEditedBytes() throws IOException {
		byte[] base = TestFiles.random(7, 50_000);
		Path basePath = TestFiles.write(this.directory, "base", base);
		EditLog log = new EditLog(base.length, new MemoryAddBuffer());
		log.replace(49_990, bytes(3, 100));
		log.insert(0, bytes(4, 10));
		log.delete(20_000, 5_000);

		byte[] expected = concat(bytes(4, 10), Arrays.copyOfRange(base, 0, 19_990),
				Arrays.copyOfRange(base, 24_990, 49_990), bytes(3, 100));
		Path rebuilt = this.directory.resolve("rebuilt");
		try (FileChannel baseChannel = FileChannel.open(basePath);
				FileChannel target = FileChannel.open(rebuilt, java.nio.file.StandardOpenOption.CREATE,
						java.nio.file.StandardOpenOption.WRITE)) {
			PlanApplier.rebuild(baseChannel, log.plan(), log.literals(), target);
		}
		assertThat(Files.readAllBytes(rebuilt)).isEqualTo(expected);
	}

	@Test
	void savedFormLoadsBackAfterRestart() throws IOException {
		Path added = this.directory.resolve("added");
		Path saved = this.directory.resolve("pieces");
		Plan before;
		int pieceCount;
		byte[] literalBytes;
		try (FileAddBuffer buffer = FileAddBuffer.open(added)) {
			EditLog log = new EditLog(1 << 20, buffer);
			SplittableRandom random = new SplittableRandom(11);
			for (int i = 0; i < 200; i++) {
				log.replace(random.nextLong(log.size()), bytes(i, 1 + random.nextInt(500)));
				log.delete(random.nextLong(log.size() - 100), random.nextInt(100));
				log.insert(random.nextLong(log.size()), bytes(-i, 1 + random.nextInt(50)));
			}
			buffer.force();
			try (OutputStream out = Files.newOutputStream(saved)) {
				log.writeTo(out);
			}
			before = log.plan();
			pieceCount = log.pieceCount();
			Literal literal = before.literals().get(before.literalCount() / 2);
			literalBytes = read(log, literal.destinationOffset(), (int) literal.length());
		}
		assertThat(Files.size(saved)).as("saved size of %s pieces", pieceCount).isLessThan(pieceCount * 10L + 64);

		try (FileAddBuffer buffer = FileAddBuffer.open(added); InputStream in = Files.newInputStream(saved)) {
			EditLog loaded = EditLog.readFrom(in, buffer);

			assertThat(loaded.plan()).isEqualTo(before);
			assertThat(loaded.baseSize()).isEqualTo(1 << 20);
			assertThat(loaded.pieceCount()).isEqualTo(pieceCount);
			Literal literal = before.literals().get(before.literalCount() / 2);
			assertThat(read(loaded, literal.destinationOffset(), (int) literal.length())).isEqualTo(literalBytes);
		}
	}

	@Test
	void damagedSavedFormIsRefused() throws IOException {
		MemoryAddBuffer buffer = new MemoryAddBuffer();
		EditLog log = new EditLog(1000, buffer);
		log.insert(500, new byte[100]);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		log.writeTo(out);
		byte[] saved = out.toByteArray();

		byte[] flipped = saved.clone();
		flipped[flipped.length - 6] ^= 1;
		assertThatThrownBy(() -> EditLog.readFrom(new ByteArrayInputStream(flipped), buffer))
			.isInstanceOf(IOException.class)
			.hasMessageStartingWith("saved edit log is unusable");
		assertThatThrownBy(
				() -> EditLog.readFrom(new ByteArrayInputStream(Arrays.copyOf(saved, saved.length - 1)), buffer))
			.isInstanceOf(IOException.class)
			.hasMessage("saved edit log is unusable: it ends too early");
		assertThatThrownBy(() -> EditLog.readFrom(new ByteArrayInputStream(saved), new MemoryAddBuffer()))
			.isInstanceOf(IOException.class)
			.hasMessageContaining("lies outside its add buffer of 0 bytes");
		assertThat(EditLog.readFrom(new ByteArrayInputStream(saved), buffer).plan()).isEqualTo(log.plan());
	}

	@Test
	void manySmallEditsKeepTheTreeBalanced() throws IOException {
		EditLog log = new EditLog(1L << 40, new MemoryAddBuffer());
		SplittableRandom random = new SplittableRandom(5);
		byte[] one = new byte[1];

		for (int i = 0; i < 200_000; i++) {
			log.replace(random.nextLong(log.size()), one);
		}

		Plan plan = log.plan();
		assertThat(plan.size()).isEqualTo(1L << 40);
		assertThat(plan.literalBytes()).isLessThanOrEqualTo(200_000);
		assertThat(log.pieceCount()).isEqualTo(plan.regionCount() + plan.literalCount());
	}

	private static byte[] bytes(long seed, int size) {
		return TestFiles.random(seed, size);
	}

	private static byte[] read(EditLog log, long offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(length);
		log.literals().read(offset, buffer);
		return buffer.array();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : List.of(parts)) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
