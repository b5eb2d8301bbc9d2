package dev.gathercopy.agent.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded hostile requests against every agent endpoint, its own prefix tokens, and working files replaced by what is not
 * a regular file: every answer is a 4xx problem with a {@code type}, none hangs, no token is logged, and a sentinel
 * folder beside the workspace stays the same. {@code -Dgathercopy.fuzz.inputs=N} sets the inputs per generator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class AgentHostileInputTests {

	static final String STORAGE_TOKEN = "storage-token-0123456789";

	static final String WIDE = "wide-token-0123456789abc";

	static final String NARROW = "narrow-token-0123456789abc";

	static final String OTHER = "other-token-0123456789abc";

	static final int INPUTS = Integer.getInteger("gathercopy.fuzz.inputs", 200);

	static final long SEED = Long.getLong("gathercopy.fuzz.seed", 20261125L);

	private static final String TYPE_BASE = "https://gathercopy.dev/problems/agent/";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> KILLER_PATHS = List.of("../sentinel/secret.txt", "..", "a/../b", "./a", "a/./b",
			"/etc/passwd", "a//b", "a/", "a\\b", "a\u0000b", "a\nb", "\u007f", "\uff0e\uff0e/sentinel", "\u2025/x",
			"a\uff0fb", "\ufe52", ".gathercopy/handles", "", "x".repeat(4097), "a".repeat(256) + "/b");

	static final Path dir = Path.of("target", "hostile-" + java.util.UUID.randomUUID()).toAbsolutePath();

	static StorageProcess storage;

	@LocalServerPort
	int port;

	final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final Map<String, Integer> tried = new TreeMap<>();

	final List<String> failures = new ArrayList<>();

	String outside;

	String inside;

	String foreign;

	String sentinelDigest;

	@DynamicPropertySource
	static void agent(DynamicPropertyRegistry registry) throws Exception {
		Files.createDirectories(dir);
		storage = StorageProcess.startFor(registry, dir, "--storage.auth.tokens[0].name=agent",
				"--storage.auth.tokens[0].token=" + STORAGE_TOKEN);
		registry.add("agent.storage.token", () -> STORAGE_TOKEN);
		String[][] tokens = { { "ci", WIDE, "" }, { "ci", NARROW, "team/" }, { "other", OTHER, "" } };
		for (int i = 0; i < tokens.length; i++) {
			String[] token = tokens[i];
			registry.add("agent.auth.tokens[" + i + "].name", () -> token[0]);
			registry.add("agent.auth.tokens[" + i + "].token", () -> token[1]);
			registry.add("agent.auth.tokens[" + i + "].prefix", () -> token[2]);
		}
	}

	@BeforeAll
	void checkOut() throws Exception {
		Path sentinel = Files.createDirectories(dir.resolve("sentinel"));
		Files.writeString(sentinel.resolve("secret.txt"), "secret");
		this.sentinelDigest = digest(sentinel);
		this.outside = checkout(WIDE, "outside/a.txt");
		this.inside = checkout(NARROW, "team/b.txt");
		this.foreign = checkout(OTHER, "team/c.txt");
	}

	@AfterEach
	void sentinelIsUnchanged() throws IOException {
		assertThat(digest(dir.resolve("sentinel"))).isEqualTo(this.sentinelDigest);
	}

	@AfterAll
	void stop() throws InterruptedException {
		System.out.println("Agent hostile input (seed " + SEED + ", " + INPUTS + " per generator): " + this.tried);
		storage.close();
	}

	@Test
	void hostileRequestsToEveryEndpointAreRefusedAsProblemsAndNoTokenIsLogged(CapturedOutput output) throws Exception {
		Random random = new Random(SEED);
		for (int i = 0; i < INPUTS; i++) {
			String path = KILLER_PATHS.get(random.nextInt(KILLER_PATHS.size()));
			String checkout = "{\"path\":" + JSON.writeValueAsString(path) + ",\"create\":"
					+ pick(random, "true", "false", "\"yes\"", "[]") + "}";
			refused("POST /working-copies", "POST", "", Map.of("Content-Type", pick(random, "application/json",
					"application/json", "text/plain")), broken(random, checkout));
			String id = pick(random, hex(random, 16), hex(random, 15), hex(random, 17), "..", "%2e%2e", "..%2f..",
					"%00", "a%5cb", "%c0%ae", this.foreign, this.outside + "%2f..", "%ef%bc%8e%ef%bc%8e", "X".repeat(300));
			String[] endpoint = pick(random, new String[] { "GET", "" }, new String[] { "DELETE", "" },
					new String[] { "GET", "/content" }, new String[] { "HEAD", "/content" },
					new String[] { "PUT", "/content" }, new String[] { "PATCH", "/content" },
					new String[] { "GET", "/plan" }, new String[] { "POST", "/refresh" },
					new String[] { "POST", "/push" });
			refused(endpoint[0] + " /working-copies/{id}" + endpoint[1], endpoint[0], "/" + id + endpoint[1],
					Map.of("Content-Type", "application/json"), endpoint[0].equals("PUT") || endpoint[0].equals("PATCH")
							? "{\"edits\":[]}".getBytes() : null);
			String edit = pick(random, "{\"op\":" + pick(random, "\"insrt\"", "null", "5", "[]") + ",\"offset\":0,\"data\":\"eA==\"}",
					"{\"op\":\"insert\",\"offset\":" + pick(random, "-1", "9223372036854775807", "9223372036854775808",
							"\"abc\"", "null", "[]", "1e30") + ",\"data\":\"eA==\"}",
					"{\"op\":\"replace\",\"offset\":0,\"data\":" + pick(random, "\"!!!\"", "{}", "null", "\"e\"") + "}",
					"{\"op\":\"delete\",\"offset\":0,\"length\":" + pick(random, "-1", "9223372036854775807",
							"\"x\"", "null", "3") + "}");
			String edits = "{\"edits\":[{\"op\":\"insert\",\"offset\":0,\"data\":\"eA==\"}," + edit + "]}";
			refused("PATCH /working-copies/{id}/content", "PATCH", "/" + this.inside + "/content",
					Map.of("Content-Type", "application/json"), broken(random, edits));
			String[] query = pick(random, new String[] { "DELETE", "?discard=" }, new String[] { "GET", "/plan?summary=" },
					new String[] { "POST", "/refresh?discard=" });
			refused(query[0] + " /working-copies/{id} (query)", query[0], "/" + this.inside + query[1]
					+ pick(random, "maybe", "%c0%ae", "%00", "%ff", "2"), Map.of(), null);
		}
		String[] wrongTokens = { "Bearer " + NARROW.substring(1), "Bearer " + NARROW + "x", "Basic " + NARROW, "" };
		for (int i = 0; i < INPUTS / 4; i++) {
			String target = "/api/v1/working-copies/" + this.inside + pick(random, "", "/content", "/plan", "/push");
			String line = pick(random, "Bad Header", "X-A: a\u0001b", "Authorization: Bearer " + NARROW + "\u0001",
					"X-Big: " + "a".repeat(20_000), "Content-Length: 1x", wrongTokens[random.nextInt(wrongTokens.length)]
						.isEmpty() ? "X-No: token" : "Authorization: " + wrongTokens[random.nextInt(3)]);
			String rawTarget = pick(random, target, target + "%00", target + "%5c..", "/api/v1/working-copies/%c0%ae");
			raw("raw " + pick(random, "GET", "POST", "DELETE") + " " + rawTarget, line, pick(random, "GET", "POST"),
					rawTarget, line);
		}
		assertThat(this.failures.subList(0, Math.min(20, this.failures.size())))
			.as("answers that are not a 4xx problem with a type (first 20 of " + this.failures.size() + ")")
			.isEmpty();
		assertThat(output.getAll()).doesNotContain(WIDE, NARROW, OTHER, STORAGE_TOKEN);
	}

	Stream<Arguments> endpointsOnAWorkingCopyOutsideThePrefix() {
		return Stream.of(endpoint("GET /working-copies/{id}", (id) -> request("GET", "/" + id, null)),
				endpoint("DELETE /working-copies/{id}", (id) -> request("DELETE", "/" + id + "?discard=true", null)),
				endpoint("GET /working-copies/{id}/content", (id) -> request("GET", "/" + id + "/content", null)),
				endpoint("PUT /working-copies/{id}/content", (id) -> request("PUT", "/" + id + "/content", "x")),
				endpoint("PATCH /working-copies/{id}/content", (id) -> request("PATCH", "/" + id + "/content",
						"{\"edits\":[{\"op\":\"insert\",\"offset\":0,\"data\":\"eA==\"}]}")),
				endpoint("GET /working-copies/{id}/plan", (id) -> request("GET", "/" + id + "/plan", null)),
				endpoint("POST /working-copies/{id}/refresh", (id) -> request("POST", "/" + id + "/refresh", null)),
				endpoint("POST /working-copies/{id}/push", (id) -> request("POST", "/" + id + "/push", null)),
				endpoint("POST /working-copies (checkout)", (id) -> request("POST", "",
						"{\"path\":\"outside/new.txt\",\"create\":true}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("endpointsOnAWorkingCopyOutsideThePrefix")
	void aPrefixTokenIsRefusedOutsideItsPrefix(String endpoint, Function<String, HttpRequest.Builder> call)
			throws Exception {
		HttpResponse<byte[]> response = send(call.apply(this.outside), NARROW);
		assertThat(response.statusCode()).as(endpoint).isEqualTo(403);
		assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo(TYPE_BASE + "forbidden");
		assertThat(send(request("GET", "/" + this.outside, null), WIDE).statusCode()).isEqualTo(200);
	}

	@Test
	void aPrefixTokenListsOnlyWorkingCopiesInsideItsPrefix() throws Exception {
		JsonNode listed = JSON.readTree(send(request("GET", "", null), NARROW).body());
		assertThat(listed.findValuesAsString("path")).contains("team/b.txt").allMatch((p) -> p.startsWith("team/"));
	}

	@Test
	void aWorkingFileReplacedByAFifoOrALinkIsRefusedWithoutBlocking() throws Exception {
		String id = checkout(NARROW, "team/fifo.txt");
		Path work = Path.of(JSON.readTree(send(request("GET", "/" + id, null), NARROW).body()).get("localFile")
			.asString());
		Files.delete(work);
		assertThat(new ProcessBuilder("mkfifo", work.toString()).start().waitFor()).isZero();
		for (String[] call : List.of(new String[] { "GET", "" }, new String[] { "GET", "/content" },
				new String[] { "GET", "/plan" }, new String[] { "POST", "/push" })) {
			HttpResponse<byte[]> response = send(request(call[0], "/" + id + call[1], null).timeout(Duration.ofSeconds(10)),
					NARROW);
			assertThat(response.statusCode()).as(call[0] + call[1]).isEqualTo(409);
			assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo(TYPE_BASE + "working-file-unusable");
		}
		Files.delete(work);
		Files.createSymbolicLink(work, dir.resolve("sentinel").resolve("secret.txt"));
		assertThat(send(request("GET", "/" + id + "/content", null).timeout(Duration.ofSeconds(10)), NARROW).statusCode())
			.isEqualTo(409);
		Files.delete(work);
		Files.writeString(work, "");
		assertThat(send(request("GET", "/" + id, null), NARROW).statusCode()).isEqualTo(200);
	}

	@Test
	void tomcatRefusalsAndTheErrorPageAreProblems() throws Exception {
		raw("bad header", "Bad Header", "GET", "/api/v1/working-copies", "Bad Header");
		raw("encoded NUL", "%00", "GET", "/api/v1/working-copies/a%00b", "X-Ok: 1");
		raw("overlong dot", "%c0%ae", "GET", "/api/v1/working-copies/%c0%ae%c0%ae", "X-Ok: 1");
		raw("error page", "/error", "GET", "/error", "Accept: text/html");
		raw("method", "PATCH /plan", "PATCH", "/api/v1/working-copies/" + this.inside + "/plan",
				"Authorization: Bearer " + NARROW);
		assertThat(this.failures).isEmpty();
	}

	private void refused(String endpoint, String method, String path, Map<String, String> headers, byte[] body) {
		this.tried.merge(endpoint, 1, Integer::sum);
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/working-copies" + path))
				.timeout(Duration.ofSeconds(10))
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
		}
		catch (IllegalArgumentException ex) {
			this.failures.add(endpoint + ": the test could not build " + path);
			return;
		}
		headers.forEach(request::header);
		try {
			HttpResponse<byte[]> response = send(request, NARROW);
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			boolean problem = contentType.startsWith("application/problem+json") && (method.equals("HEAD")
					|| JSON.readTree(response.body()).path("type").asString("").startsWith(TYPE_BASE));
			if (response.statusCode() < 400 || response.statusCode() >= 500 || !problem) {
				this.failures.add(endpoint + " " + path + " " + (body != null ? new String(body, StandardCharsets.UTF_8) : "")
						+ " -> " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			this.failures.add(endpoint + " " + path + " -> no answer: " + ex);
		}
	}

	private void raw(String endpoint, String input, String method, String target, String header) {
		this.tried.merge("raw requests", 1, Integer::sum);
		String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header
				+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
			int status = Integer.parseInt(answer.substring(9, 12));
			boolean problem = answer.contains("Content-Type: application/problem+json")
					&& answer.contains("\"type\":\"" + TYPE_BASE);
			if (status < 400 || status >= 500 || !problem) {
				this.failures.add(endpoint + " " + input.substring(0, Math.min(80, input.length())) + " -> "
						+ answer.substring(0, Math.min(300, answer.length())));
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failures.add(endpoint + " -> no answer: " + ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	private static byte[] broken(Random random, String json) {
		return switch (random.nextInt(4)) {
			case 0 -> json.substring(0, 1 + random.nextInt(json.length() - 1)).getBytes(StandardCharsets.UTF_8);
			case 1 -> ("[" + json + "]").getBytes(StandardCharsets.UTF_8);
			default -> json.getBytes(StandardCharsets.UTF_8);
		};
	}

	private HttpRequest.Builder request(String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/working-copies" + path))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
		return this.client.send(request.header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private String checkout(String token, String path) throws Exception {
		HttpResponse<byte[]> response = send(request("POST", "", "{\"path\":\"" + path + "\",\"create\":true}"), token);
		assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(201);
		return JSON.readTree(response.body()).get("id").asString();
	}

	private static Arguments endpoint(String name, Function<String, HttpRequest.Builder> call) {
		return Arguments.of(name, call);
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

	private static String hex(Random random, int length) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < length; i++) {
			out.append(Character.forDigit(random.nextInt(16), 16));
		}
		return out.toString();
	}

	private static String digest(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Path path : paths.sorted().toList()) {
				digest.update(folder.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
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
