package dev.gathercopy.storage.commit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.StorageTest;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.FileInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

@StorageTest
class CommitApiTests {

	@Autowired
	RestTestClient http;

	StorageClient storage;

	@BeforeEach
	void client() {
		this.storage = new StorageClient(this.http);
	}

	@Test
	void commitLandsTheStagedFileWithANewVersion() {
		String path = TestFiles.uniquePath("c.bin");
		FileInfo old = this.storage.put(path, new byte[] { 1 });
		String write = this.storage.openWrite(path);
		assertThat(this.storage.info(write).version()).isEqualTo(old.version());
		this.storage.writeData(write, 0, new byte[] { 2, 2 }).expectStatus().isOk();
		FileInfo landed = this.http.post()
			.uri(API + "/handles/" + write + "/commit")
			.header("If-Match", old.etag())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", "\"" + versionOf(path) + "\"")
			.expectBody(FileInfo.class)
			.returnResult()
			.getResponseBody();
		assertThat(landed.version()).isNotEqualTo(old.version());
		assertThat(landed.size()).isEqualTo(2);
		assertThat(this.storage.get(path)).containsExactly(2, 2);
	}

	@Test
	void stagedBytesAreInvisibleUntilCommit() {
		String path = TestFiles.uniquePath("invisible.bin");
		this.storage.put(path, new byte[] { 1 });
		String write = this.storage.openWrite(path);
		this.storage.writeData(write, 0, new byte[] { 9, 9, 9 }).expectStatus().isOk();
		assertThat(this.storage.get(path)).containsExactly(1);
		assertThat(StorageClient.json(this.http.get().uri(API + "/files?prefix=" + path).exchange()).toString())
			.doesNotContain("gathercopy");
	}

	@Test
	void ifNoneMatchStarCreatesANewFileOnce() {
		String path = TestFiles.uniquePath("new.bin");
		String first = this.storage.openWrite(path);
		assertThat(this.storage.info(first).version()).isNull();
		String second = this.storage.openWrite(path);
		this.storage.writeData(first, 0, new byte[] { 1 }).expectStatus().isOk();
		this.storage.writeData(second, 0, new byte[] { 2 }).expectStatus().isOk();
		this.http.post().uri(API + "/handles/" + first + "/commit").header("If-None-Match", "*").exchange()
			.expectStatus().isOk();
		problem(this.http.post().uri(API + "/handles/" + second + "/commit").header("If-None-Match", "*").exchange(),
				HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		assertThat(this.storage.get(path)).containsExactly(1);
	}

	@Test
	void refusedPreconditionLeavesTheHandleOpenAndTheFileAlone() {
		String path = TestFiles.uniquePath("p.bin");
		FileInfo old = this.storage.put(path, new byte[] { 1 });
		String write = this.storage.openWrite(path);
		this.storage.writeData(write, 0, new byte[] { 5 }).expectStatus().isOk();
		Map<String, Object> body = problem(this.storage.commit(write, "not-the-version"), HttpStatus.PRECONDITION_FAILED,
				"precondition-failed");
		assertThat(body).containsEntry("currentVersion", old.version());
		assertThat(this.storage.get(path)).containsExactly(1);
		assertThat(this.storage.info(write).size()).isEqualTo(1);
		this.storage.commitOk(write, old.version());
		assertThat(this.storage.get(path)).containsExactly(5);
	}

	@Test
	void verificationMismatchIs422AndLeavesTheHandleOpen() throws Exception {
		String path = TestFiles.uniquePath("v.bin");
		String write = this.storage.openWrite(path);
		byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
		this.storage.writeData(write, 0, content).expectStatus().isOk();
		Map<String, Object> size = problem(commitWithBody(write, "{\"size\":6}"), HttpStatus.UNPROCESSABLE_CONTENT,
				"verification-failed");
		assertThat(size).containsEntry("expectedSize", 6).containsEntry("actualSize", 5);
		problem(commitWithBody(write, "{\"sha256\":\"" + "0".repeat(64) + "\"}"), HttpStatus.UNPROCESSABLE_CONTENT,
				"verification-failed");
		problem(this.http.get().uri(API + "/files/" + path).exchange(), HttpStatus.NOT_FOUND, "file-not-found");
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		commitWithBody(write, "{\"size\":5,\"sha256\":\"" + sha + "\"}").expectStatus().isOk();
		assertThat(this.storage.get(path)).isEqualTo(content);
	}

	@Test
	void repeatingACommitAnswersTheSameFileAndOtherUsesAre404() {
		String path = TestFiles.uniquePath("r.bin");
		FileInfo old = this.storage.put(path, new byte[] { 1 });
		String write = this.storage.openWrite(path);
		this.storage.writeData(write, 0, new byte[] { 3 }).expectStatus().isOk();
		FileInfo first = this.storage.commitOk(write, old.version());
		FileInfo again = this.storage.commitOk(write, old.version());
		assertThat(again).isEqualTo(first);
		problem(this.storage.writeData(write, 0, new byte[1]), HttpStatus.NOT_FOUND, "handle-not-found");
		problem(this.http.get().uri(API + "/handles/" + write).exchange(), HttpStatus.NOT_FOUND, "handle-not-found");
		problem(this.storage.close(write), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	@Test
	void twoCommitsRacingOnTheSameIfMatchHaveExactlyOneWinner() throws Exception {
		for (int round = 0; round < 10; round++) {
			String path = TestFiles.uniquePath("race.bin");
			FileInfo old = this.storage.put(path, new byte[] { 0 });
			int racers = 4;
			List<String> handles = new ArrayList<>();
			for (int i = 0; i < racers; i++) {
				String write = this.storage.openWrite(path);
				this.storage.writeData(write, 0, new byte[] { (byte) (i + 1) }).expectStatus().isOk();
				handles.add(write);
			}
			CyclicBarrier start = new CyclicBarrier(racers);
			ExecutorService pool = Executors.newFixedThreadPool(racers);
			try {
				List<Future<Integer>> statuses = new ArrayList<>();
				for (String handle : handles) {
					statuses.add(pool.submit(() -> {
						start.await();
						return this.storage.commit(handle, old.version()).returnResult().getStatus().value();
					}));
				}
				List<Integer> codes = new ArrayList<>();
				for (Future<Integer> status : statuses) {
					codes.add(status.get());
				}
				assertThat(codes).containsOnly(200, 412);
				assertThat(codes).filteredOn((code) -> code == 200).hasSize(1);
				int winner = codes.indexOf(200) + 1;
				assertThat(this.storage.get(path)).containsExactly(winner);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void readersSeeTheOldOrTheNewFileNeverAMix() throws Exception {
		String path = TestFiles.uniquePath("atomic.bin");
		byte[] a = new byte[2_000_000];
		byte[] b = new byte[2_000_000];
		java.util.Arrays.fill(a, (byte) 'a');
		java.util.Arrays.fill(b, (byte) 'b');
		this.storage.put(path, a);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<?> writer = pool.submit(() -> {
				for (int i = 0; i < 20; i++) {
					String write = this.storage.openWrite(path);
					this.storage.writeData(write, 0, (i % 2 == 0) ? b : a).expectStatus().isOk();
					this.storage.commitOk(write, null);
				}
			});
			while (!writer.isDone()) {
				byte[] seen = this.storage.get(path);
				assertThat(seen).hasSize(2_000_000);
				assertThat(seen[0] == seen[seen.length - 1] && allSame(seen)).isTrue();
			}
			writer.get();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void unknownHandleCommitIs404() {
		problem(this.storage.commit("AAAAAAAAAAAAAAAAAAAAAA", null), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	private static boolean allSame(byte[] bytes) {
		for (byte value : bytes) {
			if (value != bytes[0]) {
				return false;
			}
		}
		return true;
	}

	private RestTestClient.ResponseSpec commitWithBody(String handle, String json) {
		return this.http.post()
			.uri(API + "/handles/" + handle + "/commit")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange();
	}

	private String versionOf(String path) {
		return this.http.head().uri(API + "/files/" + path).exchange().returnResult().getResponseHeaders().getETag()
			.replace("\"", "");
	}

}
