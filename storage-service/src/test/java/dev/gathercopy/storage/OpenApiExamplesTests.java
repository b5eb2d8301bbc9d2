package dev.gathercopy.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import dev.gathercopy.storage.file.FileInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static org.assertj.core.api.Assertions.assertThat;

/** The request examples of the served spec, sent as they are (a handle id put in), do what they say. */
@StorageTest
class OpenApiExamplesTests {

	private static final String HANDLES = "/paths/~1api~1v1~1handles/post/requestBody/content/application~1json/examples";

	private static final String GATHER_COPY = "/paths/~1api~1v1~1handles~1{handle}~1gather-copy/post/requestBody"
			+ "/content/application~1json/examples/swapTwoBlocks/value";

	private static final String LAYOUT = "/paths/~1api~1v1~1handles~1{handle}~1scatter-write/post/requestBody"
			+ "/content/multipart~1form-data/schema/properties/layout/examples/0";

	private static final String COMMIT = "/paths/~1api~1v1~1handles~1{handle}~1commit/post/requestBody/content"
			+ "/application~1json/examples";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	RestTestClient http;

	@Test
	void theUpdateExamplesSwapTwoBlocksAppendBytesAndLandTheResult() {
		JsonNode spec = spec();
		String path = spec.at("/paths/~1api~1v1~1files~1{path}/put/parameters/0/example").asString();
		byte[] original = TestFiles.random(8192, 11);
		StorageClient storage = new StorageClient(this.http);
		storage.put(path, original);
		String read = open(spec.at(HANDLES + "/read/value"));
		String write = open(spec.at(HANDLES + "/write/value"));

		ObjectNode copy = (ObjectNode) spec.at(GATHER_COPY);
		copy.put("source", read);
		this.http.post().uri(API + "/handles/" + write + "/gather-copy").contentType(MediaType.APPLICATION_JSON)
			.body(copy.toString()).exchange().expectStatus().isOk();
		storage.scatterWrite(write, spec.at(LAYOUT).asString(), "hello".getBytes(StandardCharsets.US_ASCII))
			.expectStatus().isOk();
		commit(write, spec.at(COMMIT + "/expectNothing/value"));

		byte[] expected = new byte[8197];
		System.arraycopy(original, 4096, expected, 0, 4096);
		System.arraycopy(original, 0, expected, 4096, 4096);
		System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, expected, 8192, 5);
		assertThat(storage.get(path)).isEqualTo(expected);
		storage.close(read).expectStatus().isNoContent();
	}

	@Test
	void theVerifyingCommitExampleLandsFiveBytesReadingHello() throws Exception {
		JsonNode spec = spec();
		JsonNode expectation = spec.at(COMMIT + "/expectSizeAndSha256/value");
		assertThat(expectation.path("sha256").asString()).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest("hello".getBytes(StandardCharsets.US_ASCII))));
		String path = TestFiles.uniquePath("hello.txt");
		String write = open(this.json.readTree("{\"path\": \"" + path + "\", \"mode\": \"write\"}"));
		new StorageClient(this.http).writeData(write, 0, "hello".getBytes(StandardCharsets.US_ASCII))
			.expectStatus().isOk();
		assertThat(commit(write, expectation).size()).isEqualTo(5);
	}

	private String open(JsonNode example) {
		Map<?, ?> handle = this.http.post().uri(API + "/handles").contentType(MediaType.APPLICATION_JSON)
			.body(example.toString()).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult()
			.getResponseBody();
		return (String) handle.get("handle");
	}

	private FileInfo commit(String handle, JsonNode example) {
		return this.http.post().uri(API + "/handles/" + handle + "/commit").contentType(MediaType.APPLICATION_JSON)
			.body(example.toString()).exchange().expectStatus().isOk().expectBody(FileInfo.class).returnResult()
			.getResponseBody();
	}

	private JsonNode spec() {
		return this.json.readTree(this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
	}

}
