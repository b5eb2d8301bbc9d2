package dev.gathercopy.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gathercopy.agent.problem.ProblemKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in {@code openapi/agent-api.yaml} is the API's contract: it must be exactly what the service serves,
 * and it must say what clients need. After a deliberate change of the API, run
 * {@code mvn -pl agent-service verify -Dtest=OpenApiSpecTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.update=true} to rewrite the file from the running service, then review and commit the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agent.workspace=target/test-workspace/${random.uuid}")
@AutoConfigureRestTestClient
class OpenApiSpecTests {

	static final Path CHECKED_IN = Path.of("..", "openapi", "agent-api.yaml");

	private static final Set<String> TAGS = Set.of("working-copies", "plans", "push");

	private static final Pattern PROBLEM_TYPE = Pattern.compile(Pattern.quote(ProblemKind.TYPE_BASE) + "[a-z0-9-]+");

	private static final Map<String, Integer> STATUS_OF_TYPE = Arrays.stream(ProblemKind.values())
		.collect(Collectors.toMap((kind) -> kind.type().toString(), ProblemKind::status));

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient http;

	@Test
	void checkedInSpecIsWhatTheServiceServes() throws IOException {
		String served = fetch("/v3/api-docs.yaml");
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(CHECKED_IN, served);
			return;
		}
		assertThat(CHECKED_IN).as("the checked-in spec; create it with -Dopenapi.update=true").exists();
		assertThat(served).as("%s differs from what the service serves: if the API change is deliberate, rerun "
				+ "with -Dopenapi.update=true and commit the new spec", CHECKED_IN.normalize())
			.isEqualTo(Files.readString(CHECKED_IN));
	}

	@Test
	void servingTheSpecTwiceGivesTheSameText() {
		assertThat(fetch("/v3/api-docs.yaml")).isEqualTo(fetch("/v3/api-docs.yaml"));
	}

	@Test
	void everyOperationHasOneFeatureTagASummaryADescriptionAndTheBearerScheme() {
		operations().forEach((name, operation) -> {
			assertThat(operation.path("operationId").asString()).as(name).isNotBlank();
			assertThat(operation.path("tags").values()).as(name).singleElement()
				.satisfies((tag) -> assertThat(tag.asString()).isIn(TAGS));
			assertThat(operation.path("summary").asString()).as(name).isNotBlank();
			assertThat(operation.path("description").asString()).as(name).hasSizeGreaterThan(40);
			assertThat(operation.path("security").values()).as(name)
				.anySatisfy((requirement) -> assertThat(requirement.has("bearer")).isTrue());
		});
	}

	@Test
	void everyErrorResponseIsAProblemNamingTypesOfItsStatus() {
		operations().forEach((name, operation) -> operation.path("responses").forEachEntry((status, response) -> {
			if (status.charAt(0) != '4' && status.charAt(0) != '5') {
				return;
			}
			String where = name + " " + status;
			if (name.startsWith("HEAD ")) {
				assertThat(response.has("content")).as(where + ": a HEAD answer has no body").isFalse();
			}
			else {
				assertThat(response.path("content").propertyNames()).as(where)
					.containsExactly("application/problem+json");
				assertThat(response.at("/content/application~1problem+json/schema/$ref").asString()).as(where)
					.isEqualTo("#/components/schemas/Problem");
			}
			List<String> types = problemTypes(response.path("description").asString());
			assertThat(types).as(where + " names no problem type").isNotEmpty();
			assertThat(types).as(where).allSatisfy((type) -> assertThat(STATUS_OF_TYPE).containsEntry(type,
					Integer.valueOf(status)));
		}));
	}

	@Test
	void everyProblemKindIsNamedBySomeErrorResponse() {
		Set<String> named = new HashSet<>();
		operations().values().forEach((operation) -> operation.path("responses")
			.forEachEntry((status, response) -> named.addAll(problemTypes(response.path("description").asString()))));
		assertThat(named).containsAll(STATUS_OF_TYPE.keySet());
	}

	@Test
	void everyBodyHasAnExplicitMediaType() {
		Set<String> allowed = Set.of("application/json", "application/problem+json", "application/octet-stream",
				"multipart/form-data");
		operations().forEach((name, operation) -> {
			assertThat(operation.at("/requestBody/content").propertyNames()).as(name).isSubsetOf(allowed);
			operation.path("responses").forEachEntry((status, response) -> assertThat(response.path("content")
				.propertyNames()).as(name + " " + status).isSubsetOf(allowed));
			operation.path("responses").forEachEntry((status, response) -> {
				if (!name.startsWith("HEAD ") && (status.equals("200") || status.equals("201"))) {
					assertThat(response.path("content").propertyNames()).as(name + " " + status).hasSize(1);
				}
			});
		});
	}

	@Test
	void onlyTheApiIsDescribedAndTheCallerIsNoParameter() {
		JsonNode spec = spec();
		assertThat(spec.path("paths").propertyNames()).isNotEmpty().allMatch((path) -> path.startsWith("/api/v1/"));
		operations().forEach((name, operation) -> assertThat(operation.path("parameters").values()).as(name)
			.noneMatch((parameter) -> parameter.path("name").asString().equalsIgnoreCase("caller")));
		assertThat(spec.at("/components/schemas").propertyNames()).doesNotContain("Caller");
		assertThat(spec.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void editsAreInsertReplaceDeleteOrCopyWithBase64Data() {
		JsonNode edit = spec().at("/components/schemas/Edit/properties");
		assertThat(edit.at("/op/enum").values()).extracting(JsonNode::asString)
			.containsExactly("insert", "replace", "delete", "copy");
		assertThat(edit.at("/sourceOffset/format").asString()).isEqualTo("int64");
		assertThat(edit.at("/data/type").asString()).isEqualTo("string");
		assertThat(edit.at("/data/format").asString()).isEqualTo("byte");
	}

	@Test
	void workingFileContentIsBytesBothWays() {
		JsonNode content = spec().at("/paths/~1api~1v1~1working-copies~1{id}~1content");
		assertThat(content.at("/get/responses/200/content").propertyNames())
			.containsExactly("application/octet-stream");
		assertThat(content.at("/put/requestBody/content").propertyNames()).containsExactly("application/octet-stream");
		assertThat(content.at("/patch/requestBody/content").propertyNames()).containsExactly("application/json");
	}

	@Test
	void everyReferenceResolves() {
		JsonNode spec = spec();
		List<String> references = new ArrayList<>();
		collectReferences(spec, references);
		assertThat(references).isNotEmpty()
			.allSatisfy((reference) -> assertThat(spec.at(reference.substring(1)).isMissingNode()).as(reference)
				.isFalse());
	}

	/**
	 * A generated client accepts exactly the media types the spec declares for an operation, and sends a body of the
	 * declared type; the service must answer it (here mostly with errors, for things that do not exist) in those types.
	 */
	@Test
	void everyOperationAnswersAClientThatSpeaksOnlyTheDeclaredMediaTypes() throws Exception {
		Map<String, String> samples = Map.of("id", "no-such-working-copy");
		HttpClient client = HttpClient.newHttpClient();
		operations().forEach((name, operation) -> {
			String method = name.substring(0, name.indexOf(' '));
			String uri = name.substring(name.indexOf(' ') + 1);
			for (Map.Entry<String, String> sample : samples.entrySet()) {
				uri = uri.replace("{" + sample.getKey() + "}", sample.getValue());
			}
			uri += operation.path("parameters").values().stream()
				.filter((parameter) -> parameter.path("in").asString().equals("query")
						&& parameter.path("required").asBoolean())
				.map((parameter) -> parameter.path("name").asString() + "=0")
				.collect(Collectors.joining("&", "?", ""))
				.replaceFirst("^\\?$", "");
			Set<String> accepted = new TreeSet<>();
			operation.path("responses").values().forEach((response) -> accepted.addAll(response.path("content")
				.propertyNames()));
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + uri));
			if (!accepted.isEmpty()) {
				request.header("Accept", String.join(", ", accepted));
			}
			String contentType = operation.at("/requestBody/content").propertyNames().stream().findFirst().orElse(null);
			if (contentType == null) {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			else if (contentType.equals("multipart/form-data")) {
				request.header("Content-Type", contentType + "; boundary=b")
					.method(method, HttpRequest.BodyPublishers.ofString("--b--\r\n"));
			}
			else {
				request.header("Content-Type", contentType)
					.method(method, HttpRequest.BodyPublishers.ofString(contentType.contains("json") ? "{}" : ""));
			}
			HttpResponse<String> response = send(client, request.build());
			String answered = response.headers().firstValue("Content-Type").orElse("");
			assertThat(response.statusCode()).as(name + ": " + response.body()).isNotIn(406, 415);
			if (!answered.isEmpty() && !method.equals("HEAD")) {
				assertThat(accepted).as(name + " answered " + response.statusCode() + " " + answered)
					.anyMatch((declared) -> answered.startsWith(declared));
			}
			if (response.statusCode() >= 400 && !method.equals("HEAD")) {
				assertThat(answered).as(name + " " + response.statusCode()).startsWith("application/problem+json");
			}
		});
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String fetch(String uri) {
		return new String(this.http.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
	}

	private JsonNode spec() {
		return JsonMapper.builder().build().readTree(fetch("/v3/api-docs"));
	}

	/** Every operation of the spec, keyed by method and path. */
	private Map<String, JsonNode> operations() {
		Map<String, JsonNode> operations = new LinkedHashMap<>();
		spec().path("paths").forEachEntry((path, item) -> item.forEachEntry((method, operation) -> {
			if (Set.of("get", "put", "post", "delete", "patch", "head").contains(method)) {
				operations.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, operation);
			}
		}));
		assertThat(operations).isNotEmpty();
		return operations;
	}

	private static void collectReferences(JsonNode node, List<String> references) {
		if (node.isObject()) {
			node.forEachEntry((name, value) -> {
				if (name.equals("$ref")) {
					references.add(value.asString());
				}
				else {
					collectReferences(value, references);
				}
			});
		}
		node.values().forEach((value) -> collectReferences(value, references));
	}

	private static List<String> problemTypes(String description) {
		List<String> types = new ArrayList<>();
		Matcher matcher = PROBLEM_TYPE.matcher(description);
		while (matcher.find()) {
			types.add(matcher.group());
		}
		return types;
	}

}
