package dev.gathercopy.storage.file;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;

import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.StorageTest;
import dev.gathercopy.storage.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

@StorageTest
class FileApiTests {

	@LocalServerPort
	int port;

	@Autowired
	StorageRoot root;

	@Autowired
	RestTestClient http;

	StorageClient storage;

	@BeforeEach
	void client() {
		this.storage = new StorageClient(this.http);
	}

	@Test
	void putCreatesWith201AndReplacesWith200() {
		String path = TestFiles.uniquePath("a.bin");
		byte[] first = TestFiles.random(1000, 1);
		FileInfo created = this.http.put()
			.uri(API + "/files/" + path)
			.body(first)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists("ETag")
			.expectBody(FileInfo.class)
			.returnResult()
			.getResponseBody();
		assertThat(created.path()).isEqualTo(path);
		assertThat(created.size()).isEqualTo(1000);
		var result = this.http.put()
			.uri(API + "/files/" + path)
			.body(new byte[] { 1, 2, 3 })
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(FileInfo.class)
			.returnResult();
		FileInfo replaced = result.getResponseBody();
		assertThat(result.getResponseHeaders().getETag()).isEqualTo(replaced.etag());
		assertThat(replaced.version()).isNotEqualTo(created.version());
		assertThat(this.storage.get(path)).containsExactly(1, 2, 3);
	}

	@Test
	void versionChangesOnEveryReplaceEvenWithIdenticalContent() {
		String path = TestFiles.uniquePath("same.bin");
		byte[] content = TestFiles.random(64, 2);
		String previous = this.storage.put(path, content).version();
		for (int i = 0; i < 20; i++) {
			String next = this.storage.put(path, content).version();
			assertThat(next).isNotEqualTo(previous);
			previous = next;
		}
	}

	@Test
	void putHonoursIfMatchAndIfNoneMatch() {
		String path = TestFiles.uniquePath("c.bin");
		problem(this.http.put().uri(API + "/files/" + path).header("If-Match", "\"nope\"").body(new byte[1]).exchange(),
				HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		FileInfo created = this.http.put()
			.uri(API + "/files/" + path)
			.header("If-None-Match", "*")
			.body(new byte[] { 7 })
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(FileInfo.class)
			.returnResult()
			.getResponseBody();
		Map<String, Object> refused = problem(this.http.put()
			.uri(API + "/files/" + path)
			.header("If-None-Match", "*")
			.body(new byte[] { 8 })
			.exchange(), HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		assertThat(refused).containsEntry("currentVersion", created.version());
		problem(this.http.put().uri(API + "/files/" + path).header("If-Match", "\"stale\"").body(new byte[] { 9 })
			.exchange(), HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		this.http.put()
			.uri(API + "/files/" + path)
			.header("If-Match", created.etag())
			.body(new byte[] { 10 })
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.storage.get(path)).containsExactly(10);
	}

	@Test
	void putWithFormContentTypeStoresTheRawBytes() {
		String path = TestFiles.uniquePath("form.txt");
		this.http.put()
			.uri(API + "/files/" + path)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("a=1&b=2")
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(new String(this.storage.get(path))).isEqualTo("a=1&b=2");
	}

	@Test
	void getServesContentWithValidators() {
		String path = TestFiles.uniquePath("g.bin");
		byte[] content = TestFiles.random(300_000, 3);
		FileInfo info = this.storage.put(path, content);
		this.http.get()
			.uri(API + "/files/" + path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", info.etag())
			.expectHeader()
			.valueEquals("Accept-Ranges", "bytes")
			.expectHeader()
			.exists("Last-Modified")
			.expectHeader()
			.contentLength(300_000)
			.expectBody(byte[].class)
			.isEqualTo(content);
	}

	@Test
	void rangeGivesPartialContent() {
		String path = TestFiles.uniquePath("r.bin");
		byte[] content = TestFiles.random(10_000, 4);
		this.storage.put(path, content);
		byte[] part = this.http.get()
			.uri(API + "/files/" + path)
			.header("Range", "bytes=100-199")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals("Content-Range", "bytes 100-199/10000")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(part).containsExactly(java.util.Arrays.copyOfRange(content, 100, 200));
		byte[] suffix = this.http.get()
			.uri(API + "/files/" + path)
			.header("Range", "bytes=-10")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(suffix).containsExactly(java.util.Arrays.copyOfRange(content, 9990, 10000));
	}

	@Test
	void unsatisfiableRangeGives416() {
		String path = TestFiles.uniquePath("r416.bin");
		this.storage.put(path, new byte[10]);
		problem(this.http.get().uri(API + "/files/" + path).header("Range", "bytes=50-60").exchange(),
				HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range-not-satisfiable");
	}

	@Test
	void headGivesHeadersOnly() {
		String path = TestFiles.uniquePath("h.bin");
		FileInfo info = this.storage.put(path, new byte[1234]);
		this.http.head()
			.uri(API + "/files/" + path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", info.etag())
			.expectHeader()
			.contentLength(1234)
			.expectBody()
			.isEmpty();
	}

	@Test
	void getOfMissingFileIs404() {
		problem(this.http.get().uri(API + "/files/" + TestFiles.uniquePath("none")).exchange(), HttpStatus.NOT_FOUND,
				"file-not-found");
	}

	@Test
	void deleteHonoursIfMatch() {
		String path = TestFiles.uniquePath("d.bin");
		FileInfo info = this.storage.put(path, new byte[5]);
		problem(this.http.delete().uri(API + "/files/" + path).header("If-Match", "\"other\"").exchange(),
				HttpStatus.PRECONDITION_FAILED, "precondition-failed");
		this.http.delete()
			.uri(API + "/files/" + path)
			.header("If-Match", info.etag())
			.exchange()
			.expectStatus()
			.isNoContent();
		problem(this.http.get().uri(API + "/files/" + path).exchange(), HttpStatus.NOT_FOUND, "file-not-found");
		problem(this.http.delete().uri(API + "/files/" + path).exchange(), HttpStatus.NOT_FOUND, "file-not-found");
	}

	@Test
	void listsSortedAsPlainStringsWithPrefixAndCursor() {
		String base = "list-" + java.util.UUID.randomUUID() + "/";
		for (String name : List.of("a0", "a/b", "a-b", "a/a", "b", "0")) {
			this.storage.put(base + name, new byte[] { 1 });
		}
		assertThat(listPaths(base, 100, null)).containsExactly(base + "0", base + "a-b", base + "a/a", base + "a/b",
				base + "a0", base + "b");
		assertThat(listPaths(base + "a/", 100, null)).containsExactly(base + "a/a", base + "a/b");
		assertThat(listPaths(base + "a-", 100, null)).containsExactly(base + "a-b");
		Map<String, Object> firstPage = StorageClient
			.json(this.http.get().uri(API + "/files?prefix=" + base + "&limit=2").exchange().expectStatus().isOk());
		assertThat(firstPage.get("next")).isEqualTo(base + "a-b");
		assertThat(listPaths(base, 2, base + "a-b")).containsExactly(base + "a/a", base + "a/b");
		assertThat(listPaths(base, 100, base + "a0")).containsExactly(base + "b");
		Map<String, Object> lastPage = StorageClient.json(this.http.get()
			.uri(API + "/files?prefix=" + base + "&after=" + base + "a0")
			.exchange()
			.expectStatus()
			.isOk());
		assertThat(lastPage.get("next")).isNull();
	}

	@Test
	void listRejectsBadLimit() {
		problem(this.http.get().uri(API + "/files?limit=0").exchange(), HttpStatus.BAD_REQUEST, "invalid-request");
	}

	@Test
	void rejectsTraversalAndMalformedPaths() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (String bad : List.of("a/../b", "a/./b", "a//b", "..", "a/%2e%2e/b", "%2e%2e", ".gathercopy/handles", "a/",
				"a%5cb", "a%00b")) {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
					+ API + "/files/" + bad)).PUT(BodyPublishers.ofString("x")).build(), BodyHandlers.ofString());
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
		}
		assertThat(listPaths("", 10_000, null)).noneMatch((path) -> path.endsWith("b") && path.startsWith("a"));
	}

	@Test
	void pathValidationNamesTheProblem() {
		Map<String, Object> body = problem(this.http.put().uri(API + "/files/a/{p}/b", "..").body(new byte[1]).exchange(),
				HttpStatus.BAD_REQUEST, "invalid-path");
		assertThat(body).containsEntry("path", "a/../b");
	}

	@Test
	void symbolicLinksAreNeverFollowedOutOfTheRoot(@TempDir java.nio.file.Path outside) throws Exception {
		java.nio.file.Path secret = java.nio.file.Files.writeString(outside.resolve("secret.txt"), "secret");
		String base = "links-" + java.util.UUID.randomUUID();
		java.nio.file.Path dir = java.nio.file.Files.createDirectories(this.root.root().resolve(base));
		java.nio.file.Files.createSymbolicLink(dir.resolve("file-link"), secret);
		java.nio.file.Files.createSymbolicLink(dir.resolve("dir-link"), outside);
		problem(this.http.get().uri(API + "/files/" + base + "/file-link").exchange(), HttpStatus.NOT_FOUND,
				"file-not-found");
		problem(this.http.get().uri(API + "/files/" + base + "/dir-link/secret.txt").exchange(), HttpStatus.BAD_REQUEST,
				"invalid-path");
		problem(this.http.put().uri(API + "/files/" + base + "/dir-link/new.txt").body(new byte[] { 1 }).exchange(),
				HttpStatus.BAD_REQUEST, "invalid-path");
		problem(this.storage.open(base + "/file-link", "read"), HttpStatus.NOT_FOUND, "file-not-found");
		problem(this.storage.open(base + "/dir-link/secret.txt", "write"), HttpStatus.BAD_REQUEST, "invalid-path");
		problem(this.http.delete().uri(API + "/files/" + base + "/file-link").exchange(), HttpStatus.NOT_FOUND,
				"file-not-found");
		assertThat(listPaths(base, 100, null)).isEmpty();
		assertThat(java.nio.file.Files.readString(secret)).isEqualTo("secret");
		try (var entries = java.nio.file.Files.list(outside)) {
			assertThat(entries).hasSize(1);
		}
	}

	@Test
	void replacingASymbolicLinkReplacesTheLinkNotItsTarget(@TempDir java.nio.file.Path outside) throws Exception {
		java.nio.file.Path secret = java.nio.file.Files.writeString(outside.resolve("secret.txt"), "secret");
		String base = "links-" + java.util.UUID.randomUUID();
		java.nio.file.Path dir = java.nio.file.Files.createDirectories(this.root.root().resolve(base));
		java.nio.file.Files.createSymbolicLink(dir.resolve("link"), secret);
		this.storage.put(base + "/link", new byte[] { 7 });
		assertThat(java.nio.file.Files.readString(secret)).isEqualTo("secret");
		assertThat(this.storage.get(base + "/link")).containsExactly(7);
	}

	@SuppressWarnings("unchecked")
	private List<String> listPaths(String prefix, int limit, String after) {
		String uri = API + "/files?prefix=" + prefix + "&limit=" + limit + ((after != null) ? "&after=" + after : "");
		Map<String, Object> page = StorageClient.json(this.http.get().uri(uri).exchange().expectStatus().isOk());
		return ((List<Map<String, Object>>) page.get("files")).stream().map((f) -> (String) f.get("path")).toList();
	}

}
