package dev.gathercopy.storage.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.gathercopy.storage.write.Extent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the storage API, as a remote agent would use it. */
final class StorageApi {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	StorageApi(int port) {
		this.base = "http://127.0.0.1:" + port + "/api/v1";
	}

	/** A response: its status and body. */
	record Answer(int status, byte[] body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The {@code size} an answer of a write or copy reports. */
		long size() {
			return json().path("size").asLong(-1);
		}

		/** The last segment of a problem's {@code type}. */
		String problem() {
			String type = json().path("type").asString("");
			return type.substring(type.lastIndexOf('/') + 1);
		}

		@Override
		public String toString() {
			return this.status + " " + new String(this.body, StandardCharsets.UTF_8);
		}

	}

	Answer putFile(String path, byte[] content) {
		return send(request("/files/" + path).PUT(BodyPublishers.ofByteArray(content)));
	}

	byte[] getFile(String path) {
		Answer answer = send(request("/files/" + path).GET());
		expect(answer, 200);
		return answer.body();
	}

	Answer deleteFile(String path) {
		return send(request("/files/" + path).DELETE());
	}

	/** Opens a handle in mode {@code read} or {@code write} and returns its id. */
	String openHandle(String path, String mode) {
		Answer answer = send(request("/handles").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("path", path, "mode", mode)))));
		expect(answer, 201);
		return answer.json().path("handle").asString();
	}

	long handleSize(String handle) {
		Answer answer = send(request("/handles/" + handle).GET());
		expect(answer, 200);
		return answer.size();
	}

	Answer closeHandle(String handle) {
		return send(request("/handles/" + handle).DELETE());
	}

	Answer gatherCopy(String destination, String source, List<Region> regions) {
		byte[] body = JSON.writeValueAsBytes(new GatherCopyRequest(source, regions));
		return send(request("/handles/" + destination + "/gather-copy").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(body)));
	}

	Answer scatterWrite(String handle, List<Extent> layout, byte[] data) {
		String boundary = "gathercopy-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream(data.length + 1024);
		part(body, boundary, "Content-Disposition: form-data; name=\"layout\"\r\nContent-Type: application/json",
				JSON.writeValueAsBytes(layout));
		part(body, boundary, "Content-Disposition: form-data; name=\"data\"; filename=\"data\"\r\n"
				+ "Content-Type: application/octet-stream", data);
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return send(request("/handles/" + handle + "/scatter-write")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray())));
	}

	Answer writeData(String handle, long offset, byte[] data) {
		return send(request("/handles/" + handle + "/data?offset=" + offset)
			.header("Content-Type", "application/octet-stream")
			.PUT(BodyPublishers.ofByteArray(data)));
	}

	Answer commit(String handle) {
		return send(request("/handles/" + handle + "/commit").POST(BodyPublishers.noBody()));
	}

	static void expect(Answer answer, int status) {
		if (answer.status() != status) {
			throw new AssertionError("expected " + status + " but got " + answer);
		}
	}

	private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
		body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(content);
		body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path));
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
