package dev.gathercopy.agent.push;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Both services really running: the storage from its jar, the agent on a random port, real HTTP between them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PushEndToEndTests {

	static final String API = "/api/v1/working-copies";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path dir;

	static StorageProcess storage;

	@Autowired
	RestTestClient http;

	Remote remote;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = StorageProcess.startFor(registry, dir);
	}

	@AfterAll
	static void stopStorage() throws InterruptedException {
		storage.close();
	}

	@BeforeEach
	void remote() {
		this.remote = new Remote(storage.url());
	}

	@Test
	void mixedEditsArePushedAsRegionsAndLiterals() throws Exception {
		String path = unique("mixed.bin");
		byte[] base = random(3_000_000, 1);
		this.remote.put(path, base);
		Map<String, Object> copy = checkout(path);
		String id = (String) copy.get("id");
		assertThat(copy).containsEntry("state", "clean").containsEntry("size", 3_000_000);
		patch(id, List.of(insert(10, "hello"), delete(5000, 123), replace(2_000_000, "world"), insert(3_000_000 - 123 + 5, "end")))
			.expectStatus().isOk();
		Map<String, Object> plan = json(this.http.get().uri(API + "/" + id + "/plan").exchange().expectStatus().isOk());
		assertThat(plan).containsEntry("method", "edit-log").containsEntry("literalBytes", 13);
		Map<String, Object> pushed = push(id);
		assertThat(pushed).containsEntry("literalBytes", 13).containsEntry("path", path);
		assertThat(((Number) pushed.get("requestBytes")).longValue()).isLessThan(10_000);
		assertThat(this.remote.openHandles()).isZero();
		assertThat(this.remote.get(path)).isEqualTo(content(id));
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "clean")
			.containsEntry("baseVersion", pushed.get("version"));
	}

	@Test
	void wholeContentPutIsPushedByDiff() throws Exception {
		String path = unique("put.bin");
		byte[] base = random(1_000_000, 2);
		this.remote.put(path, base);
		String id = (String) checkout(path).get("id");
		byte[] changed = Arrays.copyOf(base, base.length + 1000);
		System.arraycopy(random(500, 3), 0, changed, 400_000, 500);
		this.http.put().uri(API + "/" + id + "/content").contentType(MediaType.APPLICATION_OCTET_STREAM).body(changed)
			.exchange().expectStatus().is2xxSuccessful();
		Map<String, Object> plan = json(this.http.get().uri(API + "/" + id + "/plan?summary=true").exchange());
		assertThat(plan).containsEntry("method", "diff").doesNotContainKey("regions");
		push(id);
		assertThat(this.remote.get(path)).isEqualTo(changed);
	}

	@Test
	void changesMadeOnDiskAreNoticedAndPushedByDiff() throws Exception {
		String path = unique("disk.bin");
		byte[] base = random(2_000_000, 4);
		this.remote.put(path, base);
		Map<String, Object> copy = checkout(path);
		String id = (String) copy.get("id");
		Path local = Path.of((String) copy.get("localFile"));
		try (RandomAccessFile file = new RandomAccessFile(local.toFile(), "rw")) {
			file.seek(1_234_567);
			file.write(random(300, 5));
		}
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "modified");
		Map<String, Object> pushed = push(id);
		assertThat(((Number) pushed.get("literalBytes")).longValue()).isLessThanOrEqualTo(300 + 64);
		assertThat(this.remote.get(path)).isEqualTo(Files.readAllBytes(local));
	}

	@Test
	void newFileIsCreatedAndPushed() throws Exception {
		String path = unique("new.bin");
		Map<String, Object> copy = json(this.http.post().uri(API).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path, "create", true)).exchange().expectStatus().isCreated());
		assertThat(copy).containsEntry("baseVersion", null).containsEntry("size", 0);
		String id = (String) copy.get("id");
		patch(id, List.of(insert(0, "brand new"))).expectStatus().isOk();
		push(id);
		assertThat(new String(this.remote.get(path))).isEqualTo("brand new");
	}

	@Test
	void checkoutOfAMissingFileIs404() {
		problem(this.http.post().uri(API).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", unique("absent.bin"))).exchange(), HttpStatus.NOT_FOUND, "remote-file-not-found");
	}

	@Test
	void fileTruncatedToZeroBytesIsPushed() throws Exception {
		String path = unique("truncate.bin");
		this.remote.put(path, random(100_000, 6));
		String id = (String) checkout(path).get("id");
		patch(id, List.of(delete(0, 100_000))).expectStatus().isOk();
		Map<String, Object> pushed = push(id);
		assertThat(pushed).containsEntry("size", 0);
		assertThat(this.remote.get(path)).isEmpty();
	}

	@Test
	void conflictLeavesBothSidesAloneThenRefreshAndPushSucceed() throws Exception {
		String path = unique("conflict.bin");
		this.remote.put(path, random(50_000, 7));
		String id = (String) checkout(path).get("id");
		patch(id, List.of(replace(0, "mine"))).expectStatus().isOk();
		byte[] theirs = random(50_000, 8);
		String theirVersion = this.remote.put(path, theirs);
		Map<String, Object> conflict = problem(this.http.post().uri(API + "/" + id + "/push").exchange(),
				HttpStatus.CONFLICT, "conflict");
		assertThat(conflict).containsEntry("remoteVersion", theirVersion);
		assertThat(this.remote.get(path)).isEqualTo(theirs);
		assertThat(this.remote.openHandles()).isZero();
		assertThat(new String(Arrays.copyOf(content(id), 4))).isEqualTo("mine");
		problem(this.http.post().uri(API + "/" + id + "/refresh").exchange(), HttpStatus.CONFLICT, "unpushed-changes");
		Map<String, Object> refreshed = json(this.http.post().uri(API + "/" + id + "/refresh?discard=true").exchange()
			.expectStatus().isOk());
		assertThat(refreshed).containsEntry("baseVersion", theirVersion).containsEntry("state", "clean");
		patch(id, List.of(replace(0, "again"))).expectStatus().isOk();
		push(id);
		byte[] expected = theirs.clone();
		System.arraycopy("again".getBytes(), 0, expected, 0, 5);
		assertThat(this.remote.get(path)).isEqualTo(expected);
	}

	@Test
	void editOutOfRangeIs400NamingItAndAppliesNothing() throws Exception {
		String path = unique("range.bin");
		this.remote.put(path, random(1000, 9));
		String id = (String) checkout(path).get("id");
		Map<String, Object> body = problem(patch(id, List.of(insert(0, "ok"), delete(990, 50))), HttpStatus.BAD_REQUEST,
				"edit-out-of-range");
		assertThat(body).containsEntry("editIndex", 1);
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "clean")
			.containsEntry("size", 1000);
	}

	@Test
	void blockMovedByDeleteAndCopyIsPushedWithoutLiteralBytes() throws Exception {
		String path = unique("move.bin");
		byte[] base = random(2_000_000, 14);
		this.remote.put(path, base);
		String id = (String) checkout(path).get("id");
		patch(id, List.of(delete(100_000, 300_000), copy(1_500_001, 100_000, 300_000))).expectStatus().isOk();
		byte[] moved = new byte[base.length];
		System.arraycopy(base, 0, moved, 0, 100_000);
		System.arraycopy(base, 400_000, moved, 100_000, 1_400_001);
		System.arraycopy(base, 100_000, moved, 1_500_001, 300_000);
		System.arraycopy(base, 1_800_001, moved, 1_800_001, base.length - 1_800_001);
		assertThat(Arrays.equals(content(id), moved)).as("the working file holds the block moved").isTrue();
		Map<String, Object> pushed = push(id);
		assertThat(pushed).containsEntry("literalBytes", 0);
		assertThat(Arrays.equals(this.remote.get(path), moved)).as("the remote holds the block moved").isTrue();
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "clean");
	}

	@Test
	void copyIntoAWorkingFileChangedOnDiskTakesTheBaseBytes() throws Exception {
		String path = unique("copy-disk.bin");
		byte[] base = random(100_000, 15);
		this.remote.put(path, base);
		Map<String, Object> copy = checkout(path);
		String id = (String) copy.get("id");
		Files.write(Path.of((String) copy.get("localFile")), Arrays.copyOf(base, 50_000));
		patch(id, List.of(copy(10, 90_000, 10_000))).expectStatus().isOk();
		byte[] expected = new byte[60_000];
		System.arraycopy(base, 0, expected, 0, 10);
		System.arraycopy(base, 90_000, expected, 10, 10_000);
		System.arraycopy(base, 10, expected, 10_010, 49_990);
		assertThat(content(id)).isEqualTo(expected);
		push(id);
		assertThat(this.remote.get(path)).isEqualTo(expected);
	}

	@Test
	void copyPastTheBaseOrWithoutASourceIs400NamingItAndAppliesNothing() throws Exception {
		String path = unique("copy-range.bin");
		this.remote.put(path, random(1000, 16));
		String id = (String) checkout(path).get("id");
		Map<String, Object> past = problem(patch(id, List.of(insert(0, "ok"), copy(0, 900, 101))),
				HttpStatus.BAD_REQUEST, "edit-out-of-range");
		assertThat(past).containsEntry("editIndex", 1).containsEntry("field", "sourceOffset")
			.containsEntry("baseSize", 1000);
		Map<String, Object> missing = problem(patch(id, List.of(delete(0, 1),
				Map.of("op", "copy", "offset", 0, "length", 5))), HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(missing).containsEntry("editIndex", 1).containsEntry("field", "sourceOffset");
		Map<String, Object> noLength = problem(patch(id, List.of(Map.of("op", "copy", "offset", 0,
				"sourceOffset", 5))), HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(noLength).containsEntry("editIndex", 0).containsEntry("field", "length");
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "clean")
			.containsEntry("size", 1000);
	}

	@Test
	void deleteRefusesUnpushedChangesUnlessDiscarded() throws Exception {
		String path = unique("delete.bin");
		this.remote.put(path, random(1000, 10));
		Map<String, Object> copy = checkout(path);
		String id = (String) copy.get("id");
		patch(id, List.of(insert(0, "x"))).expectStatus().isOk();
		problem(this.http.delete().uri(API + "/" + id).exchange(), HttpStatus.CONFLICT, "unpushed-changes");
		this.http.delete().uri(API + "/" + id + "?discard=true").exchange().expectStatus().isNoContent();
		assertThat(Path.of((String) copy.get("localFile"))).doesNotExist();
		problem(this.http.get().uri(API + "/" + id).exchange(), HttpStatus.NOT_FOUND, "working-copy-not-found");
	}

	@Test
	void contentIsServedWithRanges() throws Exception {
		String path = unique("content.bin");
		byte[] base = random(10_000, 11);
		this.remote.put(path, base);
		String id = (String) checkout(path).get("id");
		byte[] part = this.http.get().uri(API + "/" + id + "/content").header("Range", "bytes=10-19").exchange()
			.expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT).expectBody(byte[].class).returnResult()
			.getResponseBody();
		assertThat(part).isEqualTo(Arrays.copyOfRange(base, 10, 20));
	}

	@Test
	void hundredScatteredOverwritesOfAGigabyteFileSendUnder40KiB() throws Exception {
		String path = unique("big.img");
		Path big = dir.resolve("big-" + UUID.randomUUID());
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			byte[] block = random(1 << 20, 12);
			for (int i = 0; i < 1024; i++) {
				block[i] = (byte) i;
				file.write(block);
			}
		}
		this.remote.put(path, big);
		Files.delete(big);
		String id = (String) checkout(path).get("id");
		Random random = new Random(13);
		List<Map<String, Object>> edits = new java.util.ArrayList<>();
		for (int i = 0; i < 100; i++) {
			byte[] bytes = new byte[100];
			random.nextBytes(bytes);
			long offset = (long) (random.nextDouble() * ((1L << 30) - 100));
			edits.add(Map.of("op", "replace", "offset", offset, "data", Base64.getEncoder().encodeToString(bytes)));
		}
		patch(id, edits).expectStatus().isOk();
		Map<String, Object> pushed = push(id);
		assertThat(((Number) pushed.get("requestBytes")).longValue()).isLessThan(40 * 1024);
		assertThat(pushed).containsEntry("literalBytes", 100 * 100);
		Path local = dir.resolve("pushed-" + UUID.randomUUID());
		this.remote.download(path, local);
		assertThat(Files.mismatch(local, Path.of((String) checkout(path).get("localFile")))).isEqualTo(-1);
		Files.delete(local);
	}

	static String unique(String name) {
		return "e2e-" + UUID.randomUUID() + "/" + name;
	}

	static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	static Map<String, Object> insert(long offset, String data) {
		return Map.of("op", "insert", "offset", offset, "data", Base64.getEncoder().encodeToString(data.getBytes()));
	}

	static Map<String, Object> replace(long offset, String data) {
		return Map.of("op", "replace", "offset", offset, "data", Base64.getEncoder().encodeToString(data.getBytes()));
	}

	static Map<String, Object> copy(long offset, long sourceOffset, long length) {
		return Map.of("op", "copy", "offset", offset, "sourceOffset", sourceOffset, "length", length);
	}

	static Map<String, Object> delete(long offset, long length) {
		return Map.of("op", "delete", "offset", offset, "length", length);
	}

	Map<String, Object> checkout(String path) {
		return checkoutWith(this.http, path);
	}

	static Map<String, Object> checkoutWith(RestTestClient http, String path) {
		return json(http.post().uri(API).contentType(MediaType.APPLICATION_JSON).body(Map.of("path", path))
			.exchange().expectStatus().isCreated());
	}

	RestTestClient.ResponseSpec patch(String id, List<Map<String, Object>> edits) {
		return patchWith(this.http, id, edits);
	}

	static RestTestClient.ResponseSpec patchWith(RestTestClient http, String id, List<Map<String, Object>> edits) {
		return http.patch().uri(API + "/" + id + "/content").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("edits", edits)).exchange();
	}

	Map<String, Object> push(String id) {
		return pushWith(this.http, id);
	}

	static Map<String, Object> pushWith(RestTestClient http, String id) {
		return json(http.post().uri(API + "/" + id + "/push").exchange().expectStatus().isOk());
	}

	byte[] content(String id) {
		return contentWith(this.http, id);
	}

	static byte[] contentWith(RestTestClient http, String id) {
		return http.get().uri(API + "/" + id + "/content").exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
	}

	static Map<String, Object> json(RestTestClient.ResponseSpec response) {
		return response.expectBody(JSON).returnResult().getResponseBody();
	}

	static Map<String, Object> problem(RestTestClient.ResponseSpec response, HttpStatus status, String slug) {
		Map<String, Object> body = response.expectStatus().isEqualTo(status).expectBody(JSON).returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("type", "https://gathercopy.dev/problems/agent/" + slug);
		return body;
	}

}
