package dev.gathercopy.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffPlannerTest {

	@TempDir
	Path directory;

	@Test
	void identicalFilesPlanOneRegion() throws IOException {
		byte[] base = TestFiles.random(1, 300_000);

		Plan plan = plan(base, base);

		assertThat(plan.method()).isEqualTo(Plan.DIFF);
		assertThat(plan.regions()).containsExactly(new Region(0, 0, base.length));
		assertThat(plan.literals()).isEmpty();
	}

	@Test
	void emptyFilesPlanNothing() throws IOException {
		assertThat(plan(new byte[0], new byte[0]).size()).isZero();
		assertThat(plan(TestFiles.random(1, 5000), new byte[0]).regionCount()).isZero();
	}

	@Test
	void emptyBaseMakesEverythingLiteral() throws IOException {
		Plan plan = plan(new byte[0], TestFiles.random(1, 5000));

		assertThat(plan.literals()).containsExactly(new Literal(0, 5000));
	}

	@Test
	void overwriteCostsOnlyItsOwnBytes() throws IOException {
		byte[] base = TestFiles.random(2, 1 << 20);
		byte[] working = base.clone();
		System.arraycopy(TestFiles.random(3, 100), 0, working, 300_001, 100);

		Plan plan = plan(base, working);

		assertThat(plan.literalBytes()).isLessThanOrEqualTo(100);
		assertThat(plan.literals()).allMatch(l -> l.destinationOffset() >= 300_001 && l.destinationEnd() <= 300_101);
		assertThat(plan.regions()).allMatch(Region::blockCongruent);
	}

	@Test
	void insertAtUnalignedOffsetCostsOnlyTheInsertedBytes() throws IOException {
		byte[] base = TestFiles.random(4, 1 << 20);
		byte[] working = concat(slice(base, 0, 77_777), TestFiles.random(5, 333), slice(base, 77_777, base.length));

		Plan plan = plan(base, working);

		assertThat(plan.literals()).containsExactly(new Literal(77_777, 333));
		assertThat(plan.regions()).containsExactly(new Region(0, 0, 77_777),
				new Region(77_777, 77_777 + 333, base.length - 77_777));
	}

	@Test
	void deleteCostsNoLiteralBytes() throws IOException {
		byte[] base = TestFiles.random(6, 1 << 20);
		byte[] working = concat(slice(base, 0, 5_001), slice(base, 9_000, base.length));

		Plan plan = plan(base, working);

		assertThat(plan.literals()).isEmpty();
		assertThat(plan.regions()).containsExactly(new Region(0, 0, 5_001), new Region(9_000, 5_001, base.length - 9_000));
	}

	@Test
	void findsBlockMovedToUnalignedOffset() throws IOException {
		byte[] base = TestFiles.random(7, 1 << 20);
		byte[] moved = slice(base, 600_003, 610_003);
		byte[] rest = concat(slice(base, 0, 600_003), slice(base, 610_003, base.length));
		byte[] working = concat(slice(rest, 0, 123_457), moved, slice(rest, 123_457, rest.length));

		Plan plan = plan(base, working);

		assertThat(plan.literals()).isEmpty();
		assertThat(plan.regions()).contains(new Region(600_003, 123_457, 10_000));
	}

	@Test
	void findsRepeatedData() throws IOException {
		byte[] base = TestFiles.random(8, 200_000);
		byte[] piece = slice(base, 50_001, 60_001);
		byte[] working = concat(piece, piece, base, piece);

		Plan plan = plan(base, working);

		assertThat(plan.literals()).isEmpty();
		assertThat(plan.regions()).containsExactly(new Region(50_001, 0, 10_000), new Region(50_001, 10_000, 10_000),
				new Region(0, 20_000, base.length), new Region(50_001, 220_000, 10_000));
	}

	@Test
	void findsBaseBytesShorterThanABlockAtTheStartAndEnd() throws IOException {
		byte[] base = TestFiles.random(9, 100_000);
		byte[] working = concat(slice(base, 0, 700), TestFiles.random(10, 50), slice(base, 750, 99_000),
				TestFiles.random(11, 10), slice(base, 99_010, 100_000));

		Plan plan = plan(base, working);

		assertThat(plan.literalBytes()).isLessThanOrEqualTo(60);
	}

	@Test
	void findsShortRunBetweenNearbyEdits() throws IOException {
		byte[] base = TestFiles.random(12, 1 << 20);
		byte[] working = concat(slice(base, 0, 400_000), TestFiles.random(13, 1000), slice(base, 400_000, 400_300),
				TestFiles.random(14, 2000), slice(base, 400_300, 500_000), slice(base, 503_000, 503_500),
				slice(base, 507_000, base.length));

		Plan plan = plan(base, working);

		assertThat(plan.literalBytes()).isEqualTo(3000);
		assertThat(plan.regions()).contains(new Region(400_000, 401_000, 300), new Region(503_000, 503_000, 500));
	}

	@Test
	void resumesAfterAChangedByteInEveryPage() throws IOException {
		byte[] base = TestFiles.random(15, 1 << 20);
		byte[] working = base.clone();
		for (int page = 0; page < working.length; page += 4096) {
			working[page + 24] ^= 0x5a;
		}

		Plan plan = plan(base, working);

		assertThat(plan.literals()).first().isEqualTo(new Literal(0, 25));
		assertThat(plan.literalBytes()).isEqualTo(25 + 255);
		assertThat(plan.regions()).allMatch(Region::blockCongruent);
	}

	@Test
	void regionShiftedByWholePagesStaysWholeAndCongruent() throws IOException {
		byte[] base = TestFiles.random(16, 1 << 20);
		byte[] working = concat(slice(base, 0, 10_000), TestFiles.random(17, 8192), slice(base, 10_000, base.length));

		Plan plan = plan(base, working);

		assertThat(plan.regions()).containsExactly(new Region(0, 0, 10_000),
				new Region(10_000, 18_192, base.length - 10_000));
		assertThat(plan.regions()).allMatch(Region::blockCongruent);
	}

	@Test
	void periodicDataDoesNotLureThePlanAlongAWrongDiagonal() throws IOException {
		byte[] base = new byte[1 << 20];
		for (int i = 0; i < base.length; i += 4096) {
			base[i] = (byte) (i >> 12);
		}
		byte[] working = concat(slice(base, 0, 300_000), new byte[5000], slice(base, 300_000, base.length));

		Plan plan = plan(base, working);

		assertThat(plan.literalBytes()).isLessThanOrEqualTo(64);
		assertThat(plan.regionCount()).isLessThanOrEqualTo(6);
	}

	@Test
	void literalBytesWithinChangedBytesPlus64PerSpot() throws IOException {
		byte[] base = TestFiles.random(18, 2 << 20);
		byte[] working = concat(slice(base, 0, 100_000), TestFiles.random(19, 10), slice(base, 100_000, 100_100),
				TestFiles.random(20, 20), slice(base, 100_300, 700_000), slice(base, 700_050, 1_500_000),
				TestFiles.random(21, 4000), slice(base, 1_504_000, base.length));

		Plan plan = plan(base, working);

		int changed = 10 + 20 + 4000;
		int spots = 4;
		assertThat(plan.literalBytes()).isLessThanOrEqualTo(changed + 64L * spots);
	}

	@Test
	void blockSizeFollowsTheSquareRootOfTheBaseWithinLimits() {
		assertThat(DiffPlanner.blockSize(0)).isEqualTo(512);
		assertThat(DiffPlanner.blockSize(100_000)).isEqualTo(512);
		assertThat(DiffPlanner.blockSize(4L << 20)).isEqualTo(2048);
		assertThat(DiffPlanner.blockSize(16L << 20)).isEqualTo(4096);
		assertThat(DiffPlanner.blockSize(1L << 30)).isEqualTo(4096);
		assertThat(DiffPlanner.blockSize(4L << 30)).isEqualTo(4096);
		assertThat(DiffPlanner.blockSize(5L << 30)).isEqualTo(8192);
		assertThat(DiffPlanner.blockSize(1L << 40)).isEqualTo(1 << 20);
	}

	@Test
	void indexOfAGibibyteBaseTakesLessThanTenMebibytes() throws IOException {
		long gibibyte = 1L << 30;

		long bytes = BlockIndex.memoryBytesFor(gibibyte, DiffPlanner.blockSize(gibibyte));

		assertThat(bytes).isLessThan(10L << 20);
		Path base = TestFiles.write(this.directory, "base", TestFiles.random(22, 3 << 20));
		try (var channel = java.nio.channels.FileChannel.open(base)) {
			BlockIndex index = BlockIndex.of(new FileWindow(channel, channel.size(), 1 << 20), 2048);
			assertThat(index.memoryBytes()).isEqualTo(BlockIndex.memoryBytesFor(3 << 20, 2048));
		}
	}

	private Plan plan(byte[] base, byte[] working) throws IOException {
		Path basePath = TestFiles.write(this.directory, "base", base);
		Path workingPath = TestFiles.write(this.directory, "working", working);
		Plan plan = DiffPlanner.plan(basePath, workingPath);
		TestFiles.assertRebuilds(basePath, plan, workingPath);
		TestFiles.assertNormalised(plan);
		return plan;
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		return Arrays.copyOfRange(bytes, from, to);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
