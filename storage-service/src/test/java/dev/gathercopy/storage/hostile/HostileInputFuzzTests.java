package dev.gathercopy.storage.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.gathercopy.storage.MutableClock;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.StorageRoot;
import dev.gathercopy.storage.hostile.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded hostile requests against every storage endpoint: each must be refused with a 4xx problem that has a
 * {@code type}, none may be answered 5xx or hang, and a sentinel folder beside the root stays byte for byte the same.
 * {@code -Dgathercopy.fuzz.inputs=N} sets the inputs per endpoint (default 200), {@code -Dgathercopy.fuzz.seed} the
 * seed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storage.root=target/hostile/${random.uuid}/root", "storage.auth.tokens[0].name=fuzz",
				"storage.auth.tokens[0].token=" + HostileInputFuzzTests.FUZZ, "storage.auth.tokens[1].name=other",
				"storage.auth.tokens[1].token=" + HostileInputFuzzTests.OTHER,
				"storage.limits.max-regions-per-request=16", "storage.limits.max-bytes-per-request=64KB",
				"storage.limits.max-file-size=1MB", "storage.handles.ttl=10m", "storage.handles.sweep-interval=1h" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputFuzzTests {

	static final String FUZZ = "fuzz-token-0123456789abcdef";

	static final String OTHER = "other-token-0123456789abcdef";

	static final int INPUTS = Integer.getInteger("gathercopy.fuzz.inputs", 200);

	static final long SEED = Long.getLong("gathercopy.fuzz.seed", 20261125L);

	private static final String TYPE_BASE = "https://gathercopy.dev/problems/";

	private static final String API = "/api/v1";

	private static final int MAX_JSON_BYTES = 64 * 1024 + 16 * 128;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	StorageRoot root;

	@Autowired
	MutableClock clock;

	RawHttp http;

	Path sentinel;

	String sentinelDigest;

	boolean deviceFile;

	String read;

	String write;

	String foreign;

	String expired;

	final Map<String, AtomicInteger> tried = new ConcurrentHashMap<>();

	final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

	final List<String> failures = new ArrayList<>();

	@TestConfiguration
	static class Clocks {

		@Bean
		MutableClock clock() {
			return new MutableClock();
		}

	}

	@BeforeAll
	void plant() throws Exception {
		this.http = new RawHttp(this.port);
		Path base = this.root.root().getParent();
		this.sentinel = Files.createDirectories(base.resolve("sentinel"));
		Files.writeString(this.sentinel.resolve("secret.txt"), "secret: never served");
		Files.write(Files.createDirectories(this.sentinel.resolve("nested")).resolve("deep.bin"),
				TestFiles.random(3000, 1));
		this.sentinelDigest = digest(this.sentinel);
		Path links = Files.createDirectories(this.root.root().resolve("links"));
		Files.createSymbolicLink(links.resolve("to-sentinel"), this.sentinel.resolve("secret.txt"));
		Files.createSymbolicLink(links.resolve("dir"), this.sentinel);
		Files.createLink(links.resolve("hard"), this.sentinel.resolve("secret.txt"));
		Path special = Files.createDirectories(this.root.root().resolve("special"));
		run("mkfifo", special.resolve("fifo").toString());
		this.deviceFile = run("mknod", special.resolve("null").toString(), "c", "1", "3");
		assertThat(call("PUT", API + "/files/plain/file.bin", FUZZ, List.of(), TestFiles.random(4096, 2)).status())
			.isEqualTo(201);
		this.expired = handle("read", "plain/file.bin", FUZZ);
		this.clock.advance(Duration.ofMinutes(11));
		this.read = handle("read", "plain/file.bin", FUZZ);
		this.write = handle("write", "plain/file.bin", FUZZ);
		this.foreign = handle("read", "plain/file.bin", OTHER);
	}

	@AfterEach
	void sentinelIsUnchanged() throws IOException {
		assertThat(digest(this.sentinel)).as("sentinel beside the root").isEqualTo(this.sentinelDigest);
		try (Stream<Path> beside = Files.list(this.root.root().getParent())) {
			assertThat(beside.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder("root", "sentinel");
		}
	}

	@AfterAll
	void report() {
		Map<String, Integer> perEndpoint = new TreeMap<>();
		this.tried.forEach((endpoint, count) -> perEndpoint.put(endpoint, count.get()));
		Map<Integer, Integer> perStatus = new TreeMap<>();
		this.statuses.forEach((status, count) -> perStatus.put(status, count.get()));
		System.out.println("Hostile input fuzz (seed " + SEED + ", " + INPUTS + " per generator): " + perEndpoint);
		System.out.println("Hostile input fuzz statuses: " + perStatus);
		assertThat(perStatus.keySet()).as("statuses answered").noneMatch((status) -> status >= 500);
	}

	@Test
	void filePathsWithTraversalOrLookAlikeSegmentsAreRefused() {
		Hostile hostile = new Hostile(SEED);
		for (int i = 0; i < INPUTS; i++) {
			String path = hostile.killerPath();
			String method = hostile.pick(List.of("GET", "HEAD", "PUT", "DELETE"));
			byte[] body = method.equals("PUT") ? TestFiles.random(1 + hostile.random().nextInt(64), i) : null;
			expectRefused(method + " /files/{path}", path, request(method, API + "/files/" + path, body));
		}
		expectRefused("PUT /files/{path}", "body past max-file-size",
				request("PUT", API + "/files/fuzz/big.bin", new byte[1024 * 1024 + 1]));
		assertNoFailures();
	}

	@Test
	void listingRefusesBadLimitsAndNeverListsWhatIsNotAFileOfTheRoot() {
		Hostile hostile = new Hostile(SEED + 1);
		List<String> badLimits = List.of("0", "-1", "10001", "abc", "1e3", "2147483648", "99999999999", "%00", "1.5",
				"%c0%ae");
		for (int i = 0; i < INPUTS; i++) {
			String query = "?limit=" + hostile.pick(badLimits) + "&prefix=" + hostile.anyPath() + "&after="
					+ hostile.anyPath();
			expectRefused("GET /files", query, request("GET", API + "/files" + query, null));
			String free = "?prefix=" + hostile.anyPath() + "&after=" + hostile.anyPath();
			Answer answer = send("GET /files", free, request("GET", API + "/files" + free, null));
			if (answer != null && answer.status() == 200) {
				for (JsonNode file : JSON.readTree(answer.body()).get("files")) {
					String listed = file.get("path").asString();
					if (listed.startsWith("links/") || listed.startsWith("special/") || listed.contains("sentinel")) {
						this.failures.add("GET /files" + free + " listed " + listed);
					}
				}
			}
			else if (answer != null) {
				check("GET /files", free, answer, false);
			}
		}
		assertNoFailures();
	}

	@Test
	void openingAHandleRefusesMalformedJsonBadPathsAndPlantedFiles() {
		Hostile hostile = new Hostile(SEED + 2);
		List<String> planted = List.of("links/hard", "links/to-sentinel", "links/dir/secret.txt", "special/fifo",
				"special/null", "links/dir");
		List<String> badModes = List.of("\"READ\"", "\"Write\"", "\"x\"", "null", "5", "[]", "{}", "\"\"", "\"reads\"");
		for (int i = 0; i < INPUTS; i++) {
			String json;
			int kind = hostile.random().nextInt(3);
			if (kind == 0) {
				json = "{\"path\":" + hostile.killerPathJson() + ",\"mode\":"
						+ hostile.pick(List.of("\"read\"", "\"write\"", "\"x\"")) + "}";
			}
			else if (kind == 1) {
				json = "{\"path\":\"plain/file.bin\",\"mode\":" + hostile.pick(badModes) + "}";
			}
			else {
				json = "{\"path\":" + Hostile.quote(hostile.pick(planted)) + ",\"mode\":\"read\"}";
			}
			byte[] body = hostile.chance(0.4) ? hostile.brokenJson(json) : Hostile.utf8(json);
			String contentType = hostile.chance(0.9) ? "application/json"
					: hostile.pick(List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=x-nope",
							"multipart/form-data"));
			expectRefused("POST /handles", new String(body, StandardCharsets.UTF_8),
					request("POST", API + "/handles", List.of("Content-Type: " + contentType), body));
		}
		expectRefused("POST /handles", "oversized JSON", request("POST", API + "/handles",
				List.of("Content-Type: application/json"), Hostile.oversizedJson(MAX_JSON_BYTES)));
		assertNoFailures();
	}

	@Test
	void forgedExpiredAndForeignHandlesAreRefused() {
		Hostile hostile = new Hostile(SEED + 3);
		for (int i = 0; i < INPUTS; i++) {
			String id = forgedHandle(hostile);
			String method = hostile.pick(List.of("GET", "DELETE"));
			expectRefused(method + " /handles/{id}", id, request(method, API + "/handles/" + id, null));
		}
		assertNoFailures();
	}

	@Test
	void gatherCopyRefusesHostileRegionsAndHandles() {
		Hostile hostile = new Hostile(SEED + 4);
		for (int i = 0; i < INPUTS; i++) {
			String destination = hostile.chance(0.7) ? this.write : anyHandle(hostile);
			String source = hostile.chance(0.6) ? Hostile.quote(hostile.chance(0.8) ? this.read : this.write)
					: hostile.chance(0.7) ? Hostile.quote(anyHandle(hostile)) : hostile.pick(Hostile.WRONG_TYPES);
			String regions = hostile.chance(0.8)
					? hostile.arrayWithKiller(1 + hostile.random().nextInt(16), () -> region(hostile, false),
							() -> region(hostile, true))
					: "[" + String.join(",", Stream.generate(() -> region(hostile, false))
						.limit(17 + hostile.random().nextInt(40)).toList()) + "]";
			String json = "{\"source\":" + source + ",\"regions\":" + regions + "}";
			byte[] body = hostile.chance(0.3) ? hostile.brokenJson(json) : Hostile.utf8(json);
			expectRefused("POST /handles/{id}/gather-copy", json, request("POST",
					API + "/handles/" + destination + "/gather-copy", List.of("Content-Type: application/json"), body));
		}
		String huge = "{\"source\":\"" + this.read + "\",\"regions\":["
				+ "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":1},".repeat(2000) + "{}]}";
		expectRefused("POST /handles/{id}/gather-copy", "regions past the JSON body limit", request("POST",
				API + "/handles/" + this.write + "/gather-copy", List.of("Content-Type: application/json"),
				Hostile.utf8(huge)));
		assertNoFailures();
	}

	@Test
	void dataWritesRefuseHostileOffsetsAndOversizedBodies() {
		Hostile hostile = new Hostile(SEED + 5);
		List<String> badOffsets = List.of("offset=-1", "offset=-9223372036854775808", "offset=9223372036854775807",
				"offset=9223372036854775808", "offset=abc", "offset=1e3", "offset=1.5", "offset=1048577",
				"offset=%00", "offset=%c0%ae", "", "offset", "offset=--1", "offset=1%2e5");
		for (int i = 0; i < INPUTS; i++) {
			String id = hostile.chance(0.7) ? this.write : anyHandle(hostile);
			boolean oversized = hostile.chance(0.05);
			String query = oversized ? "offset=0" : hostile.pick(badOffsets);
			byte[] body = oversized ? new byte[64 * 1024 + 1] : TestFiles.random(1 + hostile.random().nextInt(100), i);
			expectRefused("PUT /handles/{id}/data", id + "?" + query, request("PUT",
					API + "/handles/" + id + "/data?" + query, List.of("Content-Type: application/octet-stream"), body));
		}
		assertNoFailures();
	}

	@Test
	void scatterWriteRefusesHostileLayoutsAndBrokenMultipart() {
		Hostile hostile = new Hostile(SEED + 6);
		for (int i = 0; i < INPUTS; i++) {
			String id = hostile.chance(0.75) ? this.write : anyHandle(hostile);
			String boundary = "b" + Long.toHexString(hostile.random().nextLong());
			List<long[]> extents = new ArrayList<>();
			for (int e = 0, n = 1 + hostile.random().nextInt(8); e < n; e++) {
				extents.add(new long[] { hostile.random().nextInt(4096), 1 + hostile.random().nextInt(64) });
			}
			String validLayout = "[" + String.join(",", extents.stream()
				.map((x) -> "{\"destinationOffset\":" + x[0] + ",\"length\":" + x[1] + "}").toList()) + "]";
			int total = extents.stream().mapToInt((x) -> (int) x[1]).sum();
			byte[] data = TestFiles.random(total, i);
			String contentType = "multipart/form-data; boundary=" + boundary;
			byte[] body;
			String variant;
			switch (hostile.random().nextInt(10)) {
				case 0 -> {
					variant = "layout with a killer extent";
					body = multipart(boundary, Hostile.utf8(hostile.arrayWithKiller(1 + hostile.random().nextInt(8),
							() -> extent(hostile, false), () -> extent(hostile, true))), data, false);
				}
				case 1 -> {
					variant = "data longer or shorter than the layout";
					int delta = (hostile.chance(0.5) ? 1 : -1) * (1 + hostile.random().nextInt(5));
					body = multipart(boundary, Hostile.utf8(validLayout),
							java.util.Arrays.copyOf(data, Math.max(0, total + delta)), false);
				}
				case 2 -> {
					variant = "layout part past its limit";
					body = multipart(boundary, Hostile.utf8("[" + " ".repeat(8000) + "]"), data, false);
				}
				case 3 -> {
					variant = "data before layout";
					body = multipart(boundary, Hostile.utf8(validLayout), data, true);
				}
				case 4 -> {
					variant = "no data part";
					body = Hostile.utf8(part(boundary, "layout", "application/json") + validLayout + "\r\n--" + boundary
							+ "--\r\n");
				}
				case 5 -> {
					variant = "more extents than allowed";
					String many = "[" + String.join(",", Stream.generate(() -> "{\"destinationOffset\":0,\"length\":1}")
						.limit(17 + hostile.random().nextInt(30)).toList()) + "]";
					body = multipart(boundary, Hostile.utf8(many), data, false);
				}
				case 6 -> {
					variant = "cut inside the data part";
					byte[] whole = multipart(boundary, Hostile.utf8(validLayout), data, false);
					int dataEnd = whole.length - ("\r\n--" + boundary + "--\r\n").length();
					body = java.util.Arrays.copyOf(whole, dataEnd - 1 - hostile.random().nextInt(Math.min(total, 20)));
				}
				case 7 -> {
					variant = "not multipart, or no boundary";
					contentType = hostile.pick(List.of("text/plain", "multipart/form-data", "multipart/mixed; boundary=x",
							"multipart/form-data; boundary=", "application/json"));
					body = multipart(boundary, Hostile.utf8(validLayout), data, false);
				}
				case 8 -> {
					variant = "layout not a JSON array of extents";
					body = multipart(boundary, hostile.brokenJson(hostile.arrayWithKiller(2, () -> extent(hostile, false),
							() -> extent(hostile, true))), data, false);
				}
				default -> {
					variant = "boundary that never appears";
					body = multipart("other" + boundary, Hostile.utf8(validLayout), data, false);
				}
			}
			expectRefused("POST /handles/{id}/scatter-write", variant + " on " + id, request("POST",
					API + "/handles/" + id + "/scatter-write", List.of("Content-Type: " + contentType), body));
		}
		assertNoFailures();
	}

	@Test
	void commitRefusesHostileExpectationsAndHandles() {
		Hostile hostile = new Hostile(SEED + 7);
		List<String> badSizes = List.of("-1", "7", "9223372036854775807", "9223372036854775808", "\"abc\"", "1e30",
				"[]", "{}", "-9223372036854775808");
		String wrongDigest = "0".repeat(64);
		List<String> badDigests = List.of("\"zz\"", "\"\"", "\"" + "a".repeat(63) + "\"", "\"" + "a".repeat(65) + "\"",
				"\"" + wrongDigest + "\"", "\"" + "g".repeat(64) + "\"");
		for (int i = 0; i < INPUTS; i++) {
			String id = hostile.chance(0.7) ? this.write : anyHandle(hostile);
			String json = hostile.chance(0.5) ? "{\"size\":" + hostile.pick(badSizes) + "}"
					: "{\"size\":0,\"sha256\":" + hostile.pick(badDigests) + "}";
			byte[] body = hostile.chance(0.3) ? hostile.brokenJson(json) : Hostile.utf8(json);
			List<String> headers = new ArrayList<>(List.of("Content-Type: application/json"));
			if (hostile.chance(0.3)) {
				headers.add("If-Match: " + hostile.pick(List.of("*", "\"nope\"", "garbage", "\"\"", "W/\"x\"", ",,,")));
			}
			expectRefused("POST /handles/{id}/commit", id + " " + json, request("POST",
					API + "/handles/" + id + "/commit", headers, body));
		}
		assertNoFailures();
	}

	@Test
	void requestsTomcatRefusesOrWithoutAValidTokenAreProblemsOnEveryEndpoint() {
		Hostile hostile = new Hostile(SEED + 8);
		List<String[]> endpoints = List.of(new String[] { "GET", "/files/plain/file.bin" },
				new String[] { "HEAD", "/files/plain/file.bin" }, new String[] { "PUT", "/files/fuzz/t.bin" },
				new String[] { "DELETE", "/files/fuzz/t.bin" }, new String[] { "GET", "/files" },
				new String[] { "POST", "/handles" }, new String[] { "GET", "/handles/" + this.read },
				new String[] { "DELETE", "/handles/" + this.read },
				new String[] { "POST", "/handles/" + this.write + "/gather-copy" },
				new String[] { "PUT", "/handles/" + this.write + "/data?offset=0" },
				new String[] { "POST", "/handles/" + this.write + "/scatter-write" },
				new String[] { "POST", "/handles/" + this.write + "/commit" }, new String[] { "GET", "/limits" });
		String wrongFirst = (char) (FUZZ.charAt(0) + 1) + FUZZ.substring(1);
		String wrongLast = FUZZ.substring(0, FUZZ.length() - 1) + (char) (FUZZ.charAt(FUZZ.length() - 1) + 1);
		for (int i = 0; i < INPUTS; i++) {
			String[] endpoint = hostile.pick(endpoints);
			String method = endpoint[0];
			String target = API + endpoint[1];
			List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + FUZZ));
			byte[] body = method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") ? null
					: Hostile.utf8("{}");
			String mutation;
			switch (hostile.random().nextInt(13)) {
				case 0 -> {
					mutation = "header line without a colon";
					headers.add("Bad Header");
				}
				case 1 -> {
					mutation = "control character in a header value";
					headers.add("X-Trace: a\u0001b");
				}
				case 2 -> {
					mutation = "encoded NUL in the path";
					target = target.replaceFirst("/api/v1/", "/api/v1/%00");
				}
				case 3 -> {
					mutation = "encoded backslash in the path";
					target = target + "%5c..";
				}
				case 4 -> {
					mutation = "raw byte past ASCII in the target";
					target = target + "\u0080\u00ff";
				}
				case 5 -> {
					mutation = "header block past its limit";
					headers.add("X-Big: " + "a".repeat(20_000));
				}
				case 6 -> {
					mutation = "negative Content-Length";
					headers.add("Content-Length: -1");
				}
				case 7 -> {
					mutation = "two different Content-Lengths";
					headers.add("Content-Length: 2");
					headers.add("Content-Length: 3");
					body = Hostile.utf8("{}x");
				}
				case 8 -> {
					mutation = "Content-Length not a number";
					headers.add("Content-Length: 1x");
				}
				case 9 -> {
					mutation = "no token";
					headers.clear();
				}
				case 10 -> {
					mutation = "token wrong in its first byte";
					headers.set(0, "Authorization: Bearer " + wrongFirst);
				}
				case 11 -> {
					mutation = "token wrong in its last byte";
					headers.set(0, "Authorization: Bearer " + wrongLast);
				}
				default -> {
					mutation = "token of another scheme";
					headers.set(0, "Authorization: " + hostile.pick(List.of("Basic " + FUZZ, "Bearer", "Bearer  ",
							"Token " + FUZZ, FUZZ)));
				}
			}
			expectRefused(method + " " + endpoint[1].replaceAll("/handles/[^/?]+", "/handles/{id}")
				.replaceAll("/files/.+", "/files/{path}").replaceAll("\\?.*", ""), mutation,
					RawHttp.request(method, target, headers, body));
		}
		assertNoFailures();
	}

	@Test
	void plantedLinksFifosAndDevicesAreNeverServedNorListedAndNeverBlock() throws IOException {
		List<String> planted = new ArrayList<>(List.of("links/to-sentinel", "links/hard", "special/fifo"));
		if (this.deviceFile) {
			planted.add("special/null");
		}
		for (String path : planted) {
			for (String method : List.of("GET", "HEAD")) {
				expectStatus(method + " /files/{path}", path, request(method, API + "/files/" + path, null), 404);
			}
			expectStatus("POST /handles", path, request("POST", API + "/handles",
					List.of("Content-Type: application/json"),
					Hostile.utf8("{\"path\":\"" + path + "\",\"mode\":\"read\"}")), 404);
		}
		expectStatus("GET /files/{path}", "links/dir/secret.txt",
				request("GET", API + "/files/links/dir/secret.txt", null), 400);
		for (String prefix : List.of("links", "special")) {
			Answer listing = send("GET /files", prefix, request("GET", API + "/files?prefix=" + prefix, null));
			assertThat(listing.status()).isEqualTo(200);
			assertThat(JSON.readTree(listing.body()).get("files")).isEmpty();
		}
		assertNoFailures();
		assertThat(Files.readString(this.sentinel.resolve("secret.txt"))).isEqualTo("secret: never served");
	}

	@Test
	void aFilePinnedByReadHandlesIsStillServedAndListed() throws IOException {
		String path = "pinned/twice.bin";
		byte[] content = TestFiles.random(1000, 9);
		assertThat(call("PUT", API + "/files/" + path, FUZZ, List.of(), content).status()).isEqualTo(201);
		String first = handle("read", path, FUZZ);
		String second = handle("read", path, OTHER);
		assertThat(Files.getAttribute(this.root.root().resolve(path), "unix:nlink")).isEqualTo(3);
		Answer get = call("GET", API + "/files/" + path, FUZZ, List.of(), null);
		assertThat(get.status()).isEqualTo(200);
		assertThat(get.body()).isEqualTo(content);
		assertThat(call("GET", API + "/files?prefix=pinned/", FUZZ, List.of(), null).text()).contains(path);
		assertThat(call("DELETE", API + "/handles/" + first, FUZZ, List.of(), null).status()).isEqualTo(204);
		assertThat(call("DELETE", API + "/handles/" + second, OTHER, List.of(), null).status()).isEqualTo(204);
		assertThat(call("GET", API + "/files/" + path, FUZZ, List.of(), null).status()).isEqualTo(200);
		try (Stream<Path> pins = Files.walk(this.root.internal("pins"))) {
			assertThat(pins.map((pin) -> pin.getFileName().toString())).doesNotContain(first, second);
		}
	}

	@Test
	void aHardLinkFromOutsideIsRefusedUntilReplacedAndReplacingItLeavesTheOutsideFileAlone() throws IOException {
		Path outside = this.root.root().getParent().resolve("sentinel").resolve("secret.txt");
		Path link = Files.createDirectories(this.root.root().resolve("replaced")).resolve("hard");
		Files.createLink(link, outside);
		assertThat(call("GET", API + "/files/replaced/hard", FUZZ, List.of(), null).status()).isEqualTo(404);
		assertThat(call("PUT", API + "/files/replaced/hard", FUZZ, List.of(), Hostile.utf8("mine")).status())
			.isEqualTo(200);
		assertThat(call("GET", API + "/files/replaced/hard", FUZZ, List.of(), null).text()).isEqualTo("mine");
		assertThat(Files.readString(outside)).isEqualTo("secret: never served");
	}

	private static String region(Hostile hostile, boolean killer) {
		if (killer && hostile.chance(0.2)) {
			return hostile.pick(List.of("null", "[]", "5", "{}", "\"x\"", "[0,0,1]"));
		}
		String[] fields = { hostile.anyNumber(), hostile.anyNumber(), hostile.anyNumber() };
		if (killer) {
			fields[hostile.random().nextInt(3)] = hostile.killerNumber();
		}
		return "{\"sourceOffset\":" + fields[0] + ",\"destinationOffset\":" + fields[1] + ",\"length\":" + fields[2]
				+ "}";
	}

	private static String extent(Hostile hostile, boolean killer) {
		if (killer && hostile.chance(0.2)) {
			return hostile.pick(List.of("null", "[]", "5", "{}", "\"x\""));
		}
		String[] fields = { hostile.anyNumber(), hostile.anyNumber() };
		if (killer) {
			fields[hostile.random().nextInt(2)] = hostile.killerNumber();
		}
		return "{\"destinationOffset\":" + fields[0] + ",\"length\":" + fields[1] + "}";
	}

	private String anyHandle(Hostile hostile) {
		return hostile.chance(0.15) ? this.read : forgedHandle(hostile);
	}

	private String forgedHandle(Hostile hostile) {
		byte[] bytes = new byte[16];
		hostile.random().nextBytes(bytes);
		String random = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return hostile.pick(List.of(random, this.foreign, this.expired, random.substring(1), random + "A", "..",
				"%2e%2e", "..%2f..%2fpins", "%2e%2e%2f%2e%2e%2fsentinel", "A".repeat(1000), "%00", "a%5cb", "%c0%ae",
				this.read.substring(0, 21) + "%ef%bc%8e", "%2e%2e%2f" + this.read, "x", this.read + "%2f..",
				".gathercopy"));
	}

	private static byte[] multipart(String boundary, byte[] layout, byte[] data, boolean dataFirst) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		byte[] layoutPart = Hostile.utf8(part(boundary, "layout", "application/json"));
		byte[] dataPart = Hostile.utf8(part(boundary, "data", "application/octet-stream"));
		if (dataFirst) {
			out.writeBytes(dataPart);
			out.writeBytes(data);
			out.writeBytes(Hostile.utf8("\r\n"));
			out.writeBytes(layoutPart);
			out.writeBytes(layout);
		}
		else {
			out.writeBytes(layoutPart);
			out.writeBytes(layout);
			out.writeBytes(Hostile.utf8("\r\n"));
			out.writeBytes(dataPart);
			out.writeBytes(data);
		}
		out.writeBytes(Hostile.utf8("\r\n--" + boundary + "--\r\n"));
		return out.toByteArray();
	}

	private static String part(String boundary, String name, String type) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
				+ (name.equals("data") ? "; filename=\"data\"" : "") + "\r\nContent-Type: " + type + "\r\n\r\n";
	}

	private byte[] request(String method, String target, byte[] body) {
		return request(method, target, List.of(), body);
	}

	private byte[] request(String method, String target, List<String> headers, byte[] body) {
		List<String> all = new ArrayList<>(headers);
		all.add(0, "Authorization: Bearer " + FUZZ);
		return RawHttp.request(method, target, all, body);
	}

	private Answer call(String method, String target, String token, List<String> headers, byte[] body)
			throws IOException {
		List<String> all = new ArrayList<>(headers);
		all.add("Authorization: Bearer " + token);
		return this.http.send(RawHttp.request(method, target, all, body));
	}

	private String handle(String mode, String path, String token) throws IOException {
		Answer answer = call("POST", API + "/handles", token, List.of("Content-Type: application/json"),
				Hostile.utf8("{\"path\":\"" + path + "\",\"mode\":\"" + mode + "\"}"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return JSON.readTree(answer.body()).get("handle").asString();
	}

	private Answer send(String endpoint, String input, byte[] request) {
		this.tried.computeIfAbsent(endpoint, (key) -> new AtomicInteger()).incrementAndGet();
		try {
			Answer answer = this.http.send(request);
			this.statuses.computeIfAbsent(answer.status(), (key) -> new AtomicInteger()).incrementAndGet();
			return answer;
		}
		catch (IOException ex) {
			this.failures.add(endpoint + " " + printable(input) + " -> no answer: " + ex);
			return null;
		}
	}

	private void expectRefused(String endpoint, String input, byte[] request) {
		Answer answer = send(endpoint, input, request);
		if (answer != null) {
			check(endpoint, input, answer, endpoint.startsWith("HEAD"));
		}
	}

	private void expectStatus(String endpoint, String input, byte[] request, int status) {
		Answer answer = send(endpoint, input, request);
		if (answer != null) {
			check(endpoint, input, answer, endpoint.startsWith("HEAD"));
			if (answer.status() != status) {
				this.failures.add(endpoint + " " + input + " -> " + answer + " (expected " + status + ")");
			}
		}
	}

	private void check(String endpoint, String input, Answer answer, boolean head) {
		boolean clientError = answer.status() >= 400 && answer.status() < 500;
		boolean problem = head
				? answer.headers().getOrDefault("content-type", "").startsWith("application/problem+json")
				: answer.problemType() != null && answer.problemType().startsWith(TYPE_BASE);
		if (!clientError || !problem) {
			this.failures.add(endpoint + " " + printable(input) + " -> " + answer);
		}
	}

	private void assertNoFailures() {
		List<String> found = new ArrayList<>(this.failures);
		this.failures.clear();
		assertThat(found.subList(0, Math.min(20, found.size())))
			.as("answers that are not a 4xx problem with a type (first 20 of " + found.size() + ")")
			.isEmpty();
	}

	private static String printable(String input) {
		StringBuilder out = new StringBuilder();
		input.codePoints().limit(200).forEach((cp) -> {
			if (cp < 0x20 || cp == 0x7f) {
				out.append(String.format("\\x%02x", cp));
			}
			else {
				out.appendCodePoint(cp);
			}
		});
		return out.toString();
	}

	private static boolean run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		return process.waitFor() == 0;
	}

	private static String digest(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Path path : paths.sorted().toList()) {
				digest.update(Hostile.utf8(folder.relativize(path) + "\n"));
				if (Files.isRegularFile(path)) {
					digest.update(Files.readAllBytes(path));
				}
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
