package dev.gathercopy.storage;

import java.util.List;
import java.util.Map;

import dev.gathercopy.storage.file.FileInfo;
import dev.gathercopy.storage.handle.HandleInfo;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage API as the tests call it: real HTTP through a {@link RestTestClient}. */
public final class StorageClient {

	public static final String API = "/api/v1";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP = new ParameterizedTypeReference<>() {
	};

	private final RestTestClient client;

	public StorageClient(RestTestClient client) {
		this.client = client;
	}

	public RestTestClient http() {
		return this.client;
	}

	public FileInfo put(String path, byte[] content) {
		return this.client.put()
			.uri(API + "/files/" + path)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(content)
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody(FileInfo.class)
			.returnResult()
			.getResponseBody();
	}

	public byte[] get(String path) {
		return this.client.get()
			.uri(API + "/files/" + path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
	}

	public ResponseSpec open(String path, String mode) {
		return this.client.post()
			.uri(API + "/handles")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path, "mode", mode))
			.exchange();
	}

	public String openRead(String path) {
		return handleOf(open(path, "read").expectStatus().isCreated());
	}

	public String openWrite(String path) {
		return handleOf(open(path, "write").expectStatus().isCreated());
	}

	public HandleInfo info(String handle) {
		return this.client.get()
			.uri(API + "/handles/" + handle)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(HandleInfo.class)
			.returnResult()
			.getResponseBody();
	}

	public ResponseSpec gatherCopy(String destination, String source, List<long[]> regions) {
		List<Map<String, Long>> body = regions.stream()
			.map((r) -> Map.of("sourceOffset", r[0], "destinationOffset", r[1], "length", r[2]))
			.toList();
		return this.client.post()
			.uri(API + "/handles/" + destination + "/gather-copy")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("source", source, "regions", body))
			.exchange();
	}

	public ResponseSpec gatherCopyJson(String destination, String json) {
		return this.client.post()
			.uri(API + "/handles/" + destination + "/gather-copy")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange();
	}

	public ResponseSpec scatterWrite(String handle, String layoutJson, byte[] data) {
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("layout", part(layoutJson, MediaType.APPLICATION_JSON));
		parts.add("data", part(new ByteArrayResource(data) {

			@Override
			public String getFilename() {
				return "data";
			}

		}, MediaType.APPLICATION_OCTET_STREAM));
		return this.client.post()
			.uri(API + "/handles/" + handle + "/scatter-write")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(parts)
			.exchange();
	}

	private static HttpEntity<Object> part(Object body, MediaType type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		return new HttpEntity<>(body, headers);
	}

	public ResponseSpec writeData(String handle, long offset, byte[] data) {
		return this.client.put()
			.uri(API + "/handles/" + handle + "/data?offset=" + offset)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(data)
			.exchange();
	}

	public ResponseSpec commit(String handle, String ifMatchVersion) {
		RestTestClient.RequestBodySpec request = this.client.post().uri(API + "/handles/" + handle + "/commit");
		if (ifMatchVersion != null) {
			request.header("If-Match", "\"" + ifMatchVersion + "\"");
		}
		return request.exchange();
	}

	public FileInfo commitOk(String handle, String ifMatchVersion) {
		return commit(handle, ifMatchVersion).expectStatus()
			.isOk()
			.expectBody(FileInfo.class)
			.returnResult()
			.getResponseBody();
	}

	public ResponseSpec close(String handle) {
		return this.client.delete().uri(API + "/handles/" + handle).exchange();
	}

	/** Asserts a problem response of the given status and type slug, and returns its body. */
	public static Map<String, Object> problem(ResponseSpec response, HttpStatus status, String typeSlug) {
		Map<String, Object> body = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JSON_MAP)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("type", "https://gathercopy.dev/problems/" + typeSlug)
			.containsEntry("status", status.value());
		return body;
	}

	public static Map<String, Object> json(ResponseSpec response) {
		return response.expectBody(JSON_MAP).returnResult().getResponseBody();
	}

	private static String handleOf(ResponseSpec response) {
		return (String) json(response).get("handle");
	}

}
