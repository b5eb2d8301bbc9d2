package dev.gathercopy.storage.copy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.StorageTest;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.FileInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

@StorageTest
class GatherCopyApiTests {

	@Autowired
	RestTestClient http;

	StorageClient storage;

	String path;

	byte[] base;

	FileInfo baseInfo;

	String read;

	String write;

	@BeforeEach
	void stageBaseAndHandles() {
		this.storage = new StorageClient(this.http);
		this.path = TestFiles.uniquePath("base.bin");
		this.base = TestFiles.random(200_000, 11);
		this.baseInfo = this.storage.put(this.path, this.base);
		this.read = this.storage.openRead(this.path);
		this.write = this.storage.openWrite(this.path);
	}

	@Test
	void copiesRegionsInOrderAndReportsTotals() {
		Map<String, Object> result = StorageClient.json(this.storage
			.gatherCopy(this.write, this.read, List.of(new long[] { 100_000, 0, 100_000 }, new long[] { 0, 100_000, 100_000 }))
			.expectStatus()
			.isOk());
		assertThat(result).containsEntry("regionsCopied", 2).containsEntry("bytesCopied", 200_000).containsEntry("size",
				200_000);
		this.storage.commitOk(this.write, this.baseInfo.version());
		byte[] expected = concat(Arrays.copyOfRange(this.base, 100_000, 200_000), Arrays.copyOfRange(this.base, 0, 100_000));
		assertThat(this.storage.get(this.path)).isEqualTo(expected);
	}

	@Test
	void copiesLargeAlignedAndUnalignedRegions() {
		byte[] big = TestFiles.random(3 * 1024 * 1024 + 123, 12);
		String bigPath = TestFiles.uniquePath("big.bin");
		FileInfo info = this.storage.put(bigPath, big);
		String source = this.storage.openRead(bigPath);
		String target = this.storage.openWrite(bigPath);
		this.storage.gatherCopy(target, source, List.of(new long[] { 4096 * 3 + 7, 7, 2_000_000 },
				new long[] { 1, 2_000_007, big.length - 1 })).expectStatus().isOk();
		this.storage.commitOk(target, info.version());
		byte[] expected = concat(new byte[7], Arrays.copyOfRange(big, 4096 * 3 + 7, 4096 * 3 + 7 + 2_000_000),
				Arrays.copyOfRange(big, 1, big.length));
		assertThat(this.storage.get(bigPath)).isEqualTo(expected);
	}

	@Test
	void writingPastTheEndLeavesZerosInTheGap() {
		this.storage.gatherCopy(this.write, this.read, List.of(new long[] { 0, 5000, 10 })).expectStatus().isOk();
		this.storage.commitOk(this.write, this.baseInfo.version());
		assertThat(this.storage.get(this.path)).isEqualTo(concat(new byte[5000], Arrays.copyOf(this.base, 10)));
	}

	@Test
	void selfCopyWithOverlapActsAsIfReadWhole() {
		this.storage.gatherCopy(this.write, this.read, List.of(new long[] { 0, 0, 100_000 })).expectStatus().isOk();
		this.storage
			.gatherCopy(this.write, this.write,
					List.of(new long[] { 0, 10, 100_000 }, new long[] { 50_010, 50_000, 50_000 }))
			.expectStatus()
			.isOk();
		this.storage.commitOk(this.write, this.baseInfo.version());
		byte[] model = Arrays.copyOf(this.base, 100_000);
		model = selfCopy(model, 0, 10, 100_000);
		model = selfCopy(model, 50_010, 50_000, 50_000);
		assertThat(this.storage.get(this.path)).isEqualTo(model);
	}

	@Test
	void selfCopySeesTheGrowthOfEarlierRegions() {
		this.storage.gatherCopy(this.write, this.read, List.of(new long[] { 0, 0, 10 })).expectStatus().isOk();
		this.storage.gatherCopy(this.write, this.write, List.of(new long[] { 0, 10, 10 }, new long[] { 0, 20, 20 }))
			.expectStatus()
			.isOk();
		this.storage.commitOk(this.write, this.baseInfo.version());
		byte[] ten = Arrays.copyOf(this.base, 10);
		assertThat(this.storage.get(this.path)).isEqualTo(concat(ten, ten, ten, ten));
	}

	@Test
	void emptyArrayIsANoOp() {
		Map<String, Object> result = StorageClient
			.json(this.storage.gatherCopy(this.write, this.read, List.of()).expectStatus().isOk());
		assertThat(result).containsEntry("regionsCopied", 0).containsEntry("bytesCopied", 0).containsEntry("size", 0);
	}

	@Test
	void rejectsNegativeOffsetNamingTheRegion() {
		Map<String, Object> body = problem(this.storage.gatherCopy(this.write, this.read,
				List.of(new long[] { 0, 0, 10 }, new long[] { -1, 0, 10 })), HttpStatus.BAD_REQUEST, "invalid-region");
		assertThat(body).containsEntry("regionIndex", 1).containsEntry("field", "sourceOffset");
		assertNothingCopied();
	}

	@Test
	void rejectsNegativeDestinationOffset() {
		Map<String, Object> body = problem(this.storage.gatherCopy(this.write, this.read,
				List.of(new long[] { 0, -5, 10 })), HttpStatus.BAD_REQUEST, "invalid-region");
		assertThat(body).containsEntry("regionIndex", 0).containsEntry("field", "destinationOffset");
	}

	@Test
	void rejectsZeroOrNegativeLength() {
		for (long length : new long[] { 0, -3 }) {
			Map<String, Object> body = problem(this.storage.gatherCopy(this.write, this.read,
					List.of(new long[] { 0, 0, 10 }, new long[] { 0, 0, 10 }, new long[] { 0, 0, length })),
					HttpStatus.BAD_REQUEST, "invalid-region");
			assertThat(body).containsEntry("regionIndex", 2).containsEntry("field", "length");
		}
		assertNothingCopied();
	}

	@Test
	void rejectsOffsetPlusLengthOverflow() {
		Map<String, Object> body = problem(this.storage.gatherCopy(this.write, this.read,
				List.of(new long[] { 0, Long.MAX_VALUE - 5, 10 })), HttpStatus.BAD_REQUEST, "invalid-region");
		assertThat(body).containsEntry("regionIndex", 0);
	}

	@Test
	void rejectsMissingFieldNamingIt() {
		Map<String, Object> body = problem(this.storage.gatherCopyJson(this.write,
				"{\"source\":\"" + this.read + "\",\"regions\":[{\"sourceOffset\":0,\"length\":5}]}"),
				HttpStatus.BAD_REQUEST, "invalid-region");
		assertThat(body).containsEntry("regionIndex", 0).containsEntry("field", "destinationOffset");
	}

	@Test
	void rejectsSourceRangePastTheEndWith416() {
		Map<String, Object> body = problem(this.storage.gatherCopy(this.write, this.read,
				List.of(new long[] { 0, 0, 1000 }, new long[] { 199_999, 0, 2 })),
				HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "source-range-not-satisfiable");
		assertThat(body).containsEntry("regionIndex", 1).containsEntry("sourceSize", 200_000);
		assertNothingCopied();
	}

	@Test
	void readHandleAsDestinationIs403() {
		problem(this.storage.gatherCopy(this.read, this.read, List.of(new long[] { 0, 0, 1 })), HttpStatus.FORBIDDEN,
				"read-only-handle");
	}

	@Test
	void unknownOrForgedHandlesAre404() {
		problem(this.storage.gatherCopy("AAAAAAAAAAAAAAAAAAAAAA", this.read, List.of()), HttpStatus.NOT_FOUND,
				"handle-not-found");
		problem(this.storage.gatherCopy(this.write, "AAAAAAAAAAAAAAAAAAAAAA", List.of()), HttpStatus.NOT_FOUND,
				"handle-not-found");
		problem(this.storage.gatherCopy(this.write, "../../etc", List.of()), HttpStatus.NOT_FOUND,
				"handle-not-found");
		problem(this.storage.gatherCopy("x", this.read, List.of()), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	@Test
	void closedHandlesAre404() {
		this.storage.close(this.read).expectStatus().isNoContent();
		problem(this.storage.gatherCopy(this.write, this.read, List.of(new long[] { 0, 0, 1 })), HttpStatus.NOT_FOUND,
				"handle-not-found");
	}

	@Test
	void readHandleKeepsItsVersionAcrossAReplace() {
		this.storage.put(this.path, new byte[] { 1, 2, 3 });
		this.storage.gatherCopy(this.write, this.read, List.of(new long[] { 0, 0, 200_000 })).expectStatus().isOk();
		problem(this.storage.commit(this.write, this.baseInfo.version()), HttpStatus.PRECONDITION_FAILED,
				"precondition-failed");
		FileInfo landed = this.storage.commitOk(this.write, null);
		assertThat(landed.size()).isEqualTo(200_000);
		assertThat(this.storage.get(this.path)).isEqualTo(this.base);
	}

	@Test
	void malformedJsonIs400Problem() {
		problem(this.storage.gatherCopyJson(this.write, "{\"source\": [1,"), HttpStatus.BAD_REQUEST, "invalid-request");
		problem(this.storage.gatherCopyJson(this.write, "{\"source\":\"" + this.read
				+ "\",\"regions\":[{\"sourceOffset\":\"x\",\"destinationOffset\":0,\"length\":1}]}"),
				HttpStatus.BAD_REQUEST, "invalid-request");
		problem(this.storage.gatherCopyJson(this.write, "{\"source\":\"" + this.read
				+ "\",\"regions\":[{\"sourceOffset\":99999999999999999999999,\"destinationOffset\":0,\"length\":1}]}"),
				HttpStatus.BAD_REQUEST, "invalid-request");
	}

	private void assertNothingCopied() {
		assertThat(this.storage.info(this.write).size()).isZero();
	}

	static byte[] selfCopy(byte[] file, int from, int to, int length) {
		byte[] snapshot = Arrays.copyOfRange(file, from, from + length);
		byte[] result = Arrays.copyOf(file, Math.max(file.length, to + length));
		System.arraycopy(snapshot, 0, result, to, length);
		return result;
	}

	static byte[] concat(byte[]... parts) {
		int length = Arrays.stream(parts).mapToInt((p) -> p.length).sum();
		byte[] result = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, result, at, part.length);
			at += part.length;
		}
		return result;
	}

}
