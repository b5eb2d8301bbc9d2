package dev.gathercopy.agent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * The storage service's handle protocol called directly, as any client would, answering every reply (status and body)
 * instead of throwing on errors; only a broken connection throws.
 */
public final class HandleProtocol {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client;

	private final URI base;

	public HandleProtocol(URI storage) {
		this.base = storage;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** One answer of storage. */
	public record Reply(int status, byte[] body, String etag, String contentType) {

		public boolean ok() {
			return this.status / 100 == 2;
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/** Whether this is an RFC 9457 problem answer with a type and the same status. */
		public boolean isProblem() {
			if (this.contentType == null || !this.contentType.startsWith("application/problem+json")) {
				return false;
			}
			Map<String, Object> problem = json();
			return problem.get("type") != null && Integer.valueOf(this.status).equals(problem.get("status"));
		}

		@Override
		public String toString() {
			return this.status + " " + ((this.body.length < 2000) ? text() : this.body.length + " bytes");
		}

	}

	public Reply open(String path, String mode, String ifMatch) throws IOException, InterruptedException {
		HttpRequest.Builder request = api("/handles").header("Content-Type", "application/json")
			.POST(json(Map.of("path", path, "mode", mode)));
		if (ifMatch != null) {
			request.header("If-Match", quoted(ifMatch));
		}
		return send(request);
	}

	/** Copies regions, each {sourceOffset, destinationOffset, length}, from a source handle into a write handle. */
	public Reply gatherCopy(String write, String source, List<long[]> regions)
			throws IOException, InterruptedException {
		List<Map<String, Long>> body = regions.stream()
			.map((r) -> Map.of("sourceOffset", r[0], "destinationOffset", r[1], "length", r[2]))
			.toList();
		return send(api("/handles/" + write + "/gather-copy").header("Content-Type", "application/json")
			.POST(json(Map.of("source", source, "regions", body))));
	}

	/** Writes the concatenated bytes of a layout, each {destinationOffset, length}. */
	public Reply scatterWrite(String write, List<long[]> layout, byte[] data) throws IOException, InterruptedException {
		String boundary = "b" + UUID.randomUUID();
		List<Map<String, Long>> extents = layout.stream()
			.map((e) -> Map.of("destinationOffset", e[0], "length", e[1]))
			.toList();
		List<byte[]> parts = new ArrayList<>();
		parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"layout\"\r\n"
				+ "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		parts.add(JSON.writeValueAsBytes(extents));
		parts.add(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		parts.add(data);
		parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(api("/handles/" + write + "/scatter-write")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(parts)));
	}

	/** Commits a write handle if the file is still {@code ifMatch}, asking storage to check size and SHA-256. */
	public Reply commit(String write, String ifMatch, long size, String sha256)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = api("/handles/" + write + "/commit").header("Content-Type", "application/json")
			.POST(json(Map.of("size", size, "sha256", sha256)));
		if (ifMatch != null) {
			request.header("If-Match", quoted(ifMatch));
		}
		return send(request);
	}

	public Reply close(String handle) throws IOException, InterruptedException {
		return send(api("/handles/" + handle).DELETE());
	}

	public Reply put(String path, byte[] content) throws IOException, InterruptedException {
		return send(api("/files/" + path).header("Content-Type", "application/octet-stream")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
	}

	public Reply get(String path) throws IOException, InterruptedException {
		return send(api("/files/" + path).GET());
	}

	/** The paths of every file listed under a prefix (one page is enough for the tests). */
	@SuppressWarnings("unchecked")
	public List<String> list(String prefix) throws IOException, InterruptedException {
		Reply reply = send(api("/files?limit=10000&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)).GET());
		if (!reply.ok()) {
			throw new IllegalStateException("listing answered " + reply);
		}
		return ((List<Map<String, Object>>) reply.json().get("files")).stream()
			.map((file) -> (String) file.get("path"))
			.toList();
	}

	/** The sum of the values of a Prometheus sample family whose lines start with {@code prefix}. */
	public double metric(String prefix) throws IOException, InterruptedException {
		Reply reply = send(HttpRequest.newBuilder(this.base.resolve("/actuator/prometheus")).GET());
		return reply.text()
			.lines()
			.filter((line) -> line.startsWith(prefix))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	public static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder api(String path) {
		return HttpRequest.newBuilder(this.base.resolve("/api/v1" + path)).timeout(Duration.ofSeconds(60));
	}

	private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		return new Reply(response.statusCode(), response.body(),
				response.headers().firstValue("ETag").map((tag) -> tag.replace("\"", "")).orElse(null),
				response.headers().firstValue("Content-Type").orElse(null));
	}

	private static HttpRequest.BodyPublisher json(Object body) {
		return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
	}

	private static String quoted(String version) {
		return "\"" + version + "\"";
	}

}
