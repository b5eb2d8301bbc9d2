package dev.gathercopy.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** Direct calls to the storage service, for tests to set up and check remote files behind the agent's back. */
public final class Remote {

	private final HttpClient client = HttpClient.newHttpClient();

	private final URI base;

	public Remote(URI storage) {
		this.base = storage.resolve("/api/v1/files/");
	}

	public String put(String path, byte[] content) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.base.resolve(path))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(response.statusCode(), response.body());
		return response.headers().firstValue("ETag").orElseThrow().replace("\"", "");
	}

	public String put(String path, Path content) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.base.resolve(path))
			.PUT(HttpRequest.BodyPublishers.ofFile(content))
			.build(), HttpResponse.BodyHandlers.ofString());
		check(response.statusCode(), response.body());
		return response.headers().firstValue("ETag").orElseThrow().replace("\"", "");
	}

	public byte[] get(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.client.send(HttpRequest.newBuilder(this.base.resolve(path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		check(response.statusCode(), "");
		return response.body();
	}

	public void download(String path, Path target) throws IOException, InterruptedException {
		HttpResponse<Path> response = this.client.send(HttpRequest.newBuilder(this.base.resolve(path)).build(),
				HttpResponse.BodyHandlers.ofFile(target));
		check(response.statusCode(), "");
	}

	public String version(String path) throws IOException, InterruptedException {
		HttpResponse<Void> response = this.client.send(
				HttpRequest.newBuilder(this.base.resolve(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
		return (response.statusCode() == 404) ? null
				: response.headers().firstValue("ETag").orElseThrow().replace("\"", "");
	}

	/** The number of open handles storage reports in its metrics. */
	public int openHandles() throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(
				HttpRequest.newBuilder(this.base.resolve("/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.body()
			.lines()
			.filter((line) -> line.startsWith("gathercopy_handles_open"))
			.map((line) -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow();
	}

	private static void check(int status, String body) {
		if (status / 100 != 2) {
			throw new IllegalStateException("storage answered " + status + ": " + body);
		}
	}

}
