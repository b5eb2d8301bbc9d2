package dev.gathercopy.storage.file;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.UUID;

import dev.gathercopy.storage.StorageTest;
import dev.gathercopy.storage.TestFiles;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.gathercopy.storage.StorageClient.API;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths whose slashes come encoded as {@code %2F}, as Swagger UI sends a path parameter. Sent through
 * {@code java.net.http} because a {@code RestTestClient} would encode the {@code %} again.
 */
@StorageTest
class EncodedSlashTests {

	@LocalServerPort
	int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void encodedSlashesNameTheSameNestedFileAsPlainOnes() throws Exception {
		String folder = "t-" + UUID.randomUUID();
		byte[] content = TestFiles.random(300, 5);
		HttpResponse<String> put = send(HttpRequest.newBuilder(files(folder + "%2Fdir%2Fa.bin"))
			.PUT(BodyPublishers.ofByteArray(content)), BodyHandlers.ofString());
		assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
		assertThat(put.body()).contains("\"path\":\"" + folder + "/dir/a.bin\"");
		for (String path : List.of(folder + "/dir/a.bin", folder + "%2Fdir%2Fa.bin", folder + "/dir%2Fa.bin")) {
			HttpResponse<byte[]> get = send(HttpRequest.newBuilder(files(path)).GET(), BodyHandlers.ofByteArray());
			assertThat(get.statusCode()).as(path).isEqualTo(200);
			assertThat(get.body()).as(path).isEqualTo(content);
		}
	}

	@Test
	void encodedTraversalAndEmptySegmentsAreStillInvalidPathProblems() throws Exception {
		for (String bad : List.of("..%2Fx", "a%2F..%2Fx", "a%2F%2E%2E%2Fx", "a%2F%2Fb", "%2Fx", "a%2F")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(files(bad)).PUT(BodyPublishers.ofString("x")),
					BodyHandlers.ofString());
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(bad)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).as(bad).contains("\"type\":\"https://gathercopy.dev/problems/invalid-path\"");
		}
	}

	private URI files(String rawPath) {
		return URI.create("http://127.0.0.1:" + this.port + API + "/files/" + rawPath);
	}

	private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		return this.client.send(request.build(), body);
	}

}
