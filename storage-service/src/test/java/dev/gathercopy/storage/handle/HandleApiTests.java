package dev.gathercopy.storage.handle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import dev.gathercopy.storage.MutableClock;
import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.file.StorageRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storage.root=target/test-storage/${random.uuid}", "storage.handles.ttl=10m" })
@AutoConfigureRestTestClient
class HandleApiTests {

	@Autowired
	RestTestClient http;

	@Autowired
	MutableClock clock;

	@Autowired
	HandleStore handles;

	@Autowired
	StorageRoot root;

	StorageClient storage;

	@TestConfiguration
	static class Clocks {

		@Bean
		MutableClock clock() {
			return new MutableClock();
		}

	}

	@BeforeEach
	void client() {
		this.storage = new StorageClient(this.http);
	}

	@Test
	void openReadGives201WithLocationAndHandleInfo() {
		String path = TestFiles.uniquePath("o.bin");
		FileInfo file = this.storage.put(path, new byte[42]);
		Map<String, Object> info = StorageClient.json(this.storage.open(path, "read")
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/v1/handles/[A-Za-z0-9_-]{22}"));
		assertThat(info).containsEntry("path", path)
			.containsEntry("mode", "read")
			.containsEntry("size", 42)
			.containsEntry("version", file.version())
			.containsKeys("handle", "expiresAt");
	}

	@Test
	void openReadOfMissingFileIs404() {
		problem(this.storage.open(TestFiles.uniquePath("missing"), "read"), HttpStatus.NOT_FOUND, "file-not-found");
	}

	@Test
	void openWriteOfMissingFileHasNullVersion() {
		Map<String, Object> info = StorageClient
			.json(this.storage.open(TestFiles.uniquePath("fresh"), "write").expectStatus().isCreated());
		assertThat(info).containsEntry("mode", "write").containsEntry("size", 0).containsEntry("version", null);
	}

	@Test
	void openHonoursIfMatch() {
		String path = TestFiles.uniquePath("m.bin");
		FileInfo file = this.storage.put(path, new byte[1]);
		problem(this.http.post()
			.uri(API + "/handles")
			.header("If-Match", "\"old\"")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path, "mode", "read"))
			.exchange(), HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		this.http.post()
			.uri(API + "/handles")
			.header("If-Match", file.etag())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path, "mode", "read"))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	void openRejectsBadModeAndPath() {
		problem(this.storage.open("a/b", "execute"), HttpStatus.BAD_REQUEST, "invalid-request");
		problem(this.http.post().uri(API + "/handles").contentType(MediaType.APPLICATION_JSON).body("{\"path\":\"a\"}")
			.exchange(), HttpStatus.BAD_REQUEST, "invalid-request");
		problem(this.storage.open("../etc/passwd", "read"), HttpStatus.BAD_REQUEST, "invalid-path");
	}

	@Test
	void getReportsTheCurrentSizeOfAWriteHandle() {
		String write = this.storage.openWrite(TestFiles.uniquePath("s.bin"));
		this.storage.writeData(write, 1000, new byte[24]).expectStatus().isOk();
		assertThat(this.storage.info(write).size()).isEqualTo(1024);
	}

	@Test
	void deleteDiscardsStagedData() throws Exception {
		String write = this.storage.openWrite(TestFiles.uniquePath("del.bin"));
		this.storage.writeData(write, 0, new byte[100]).expectStatus().isOk();
		Path folder = this.root.internal("handles").resolve(write);
		assertThat(folder).exists();
		this.storage.close(write).expectStatus().isNoContent();
		assertThat(folder).doesNotExist();
		problem(this.http.get().uri(API + "/handles/" + write).exchange(), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	@Test
	void idleHandleExpiresWith410AndThen404() {
		String path = TestFiles.uniquePath("ttl.bin");
		this.storage.put(path, new byte[3]);
		String read = this.storage.openRead(path);
		String write = this.storage.openWrite(path);
		this.clock.advance(Duration.ofMinutes(9));
		this.storage.info(read);
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(this.storage.info(read).size()).isEqualTo(3);
		problem(this.storage.gatherCopy(write, read, java.util.List.of()), HttpStatus.GONE, "handle-expired");
		problem(this.http.get().uri(API + "/handles/" + write).exchange(), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	@Test
	void sweeperRemovesExpiredHandlesAndTheirData() throws Exception {
		String write = this.storage.openWrite(TestFiles.uniquePath("sweep.bin"));
		this.storage.writeData(write, 0, new byte[1000]).expectStatus().isOk();
		Path folder = this.root.internal("handles").resolve(write);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.handles.sweep()).isPositive();
		assertThat(folder).doesNotExist();
		problem(this.http.get().uri(API + "/handles/" + write).exchange(), HttpStatus.NOT_FOUND, "handle-not-found");
	}

	@Test
	void readHandlePinsItsVersionAgainstAConcurrentReplace() throws Exception {
		String path = TestFiles.uniquePath("pin.bin");
		byte[] original = TestFiles.random(10_000, 31);
		this.storage.put(path, original);
		String read = this.storage.openRead(path);
		this.storage.put(path, TestFiles.random(5, 32));
		this.http.delete().uri(API + "/files/" + path).exchange().expectStatus().isNoContent();
		String write = this.storage.openWrite(path);
		this.storage.gatherCopy(write, read, java.util.List.of(new long[] { 0, 0, 10_000 })).expectStatus().isOk();
		this.storage.commitOk(write, null);
		assertThat(this.storage.get(path)).isEqualTo(original);
		try (Stream<Path> staged = Files.list(this.root.internal("uploads"))) {
			assertThat(staged).isEmpty();
		}
	}

}
