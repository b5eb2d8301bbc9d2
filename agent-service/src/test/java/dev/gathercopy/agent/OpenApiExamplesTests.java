package dev.gathercopy.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The request examples of the served spec, sent as they are against a real storage, do what they say. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class OpenApiExamplesTests {

	private static final String API = "/api/v1/working-copies";

	private static final String CHECKOUT = "/paths/~1api~1v1~1working-copies/post/requestBody/content"
			+ "/application~1json/examples/createIfMissing/value";

	private static final String EDITS = "/paths/~1api~1v1~1working-copies~1{id}~1content/patch/requestBody/content"
			+ "/application~1json/examples/helloWorld/value";

	private static final String MOVE = "/paths/~1api~1v1~1working-copies~1{id}~1content/patch/requestBody/content"
			+ "/application~1json/examples/moveHello/value";

	@TempDir
	static Path dir;

	static StorageProcess storage;

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = StorageProcess.startFor(registry, dir);
	}

	@AfterAll
	static void stopStorage() throws InterruptedException {
		storage.close();
	}

	@Test
	void theCheckoutAndEditExamplesMakeAFileReadingHelloWorldThatPushes() throws Exception {
		JsonNode spec = this.json.readTree(this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
		JsonNode checkout = spec.at(CHECKOUT);
		String id = (String) send(this.http.post().uri(API), checkout).expectStatus().isCreated()
			.expectBody(Map.class).returnResult().getResponseBody().get("id");
		send(this.http.patch().uri(API + "/" + id + "/content"), spec.at(EDITS)).expectStatus().isOk();
		byte[] content = this.http.get().uri(API + "/" + id + "/content").exchange().expectStatus().isOk()
			.expectBody(byte[].class).returnResult().getResponseBody();
		assertThat(new String(content, StandardCharsets.US_ASCII)).isEqualTo("Hello world!");
		this.http.post().uri(API + "/" + id + "/push").exchange().expectStatus().isOk();
		assertThat(new Remote(storage.url()).get(checkout.path("path").asString()))
			.isEqualTo("Hello world!".getBytes(StandardCharsets.US_ASCII));
		send(this.http.patch().uri(API + "/" + id + "/content"), spec.at(MOVE)).expectStatus().isOk();
		Map<?, ?> pushed = this.http.post().uri(API + "/" + id + "/push").exchange().expectStatus().isOk()
			.expectBody(Map.class).returnResult().getResponseBody();
		assertThat(pushed.get("literalBytes")).isEqualTo(1);
		assertThat(new Remote(storage.url()).get(checkout.path("path").asString()))
			.isEqualTo("world! Hello".getBytes(StandardCharsets.US_ASCII));
	}

	private RestTestClient.ResponseSpec send(RestTestClient.RequestBodySpec request, JsonNode example) {
		return request.contentType(MediaType.APPLICATION_JSON).body(example.toString()).exchange();
	}

}
