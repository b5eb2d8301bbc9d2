package dev.gathercopy.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.web.openapi.OpenApiSpecContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in {@code openapi/storage-api.yaml} is the API's contract: it must be exactly what the service serves,
 * and it must say what clients need. After a deliberate change of the API, run
 * {@code mvn -pl storage-service -am verify -Dtest=OpenApiSpecTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.update=true} to rewrite the file from the running service, then review and commit the diff.
 */
@StorageTest
class OpenApiSpecTests extends OpenApiSpecContract {

	OpenApiSpecTests() {
		super(Path.of("..", "openapi", "storage-api.yaml"),
				Set.of("files", "handles", "gather-copy", "writes", "commit", "limits"), ProblemKind.TYPE_BASE,
				List.of(ProblemKind.values()),
				Map.of("path", "t-accept/" + UUID.randomUUID() + ".bin", "handle", "AAAAAAAAAAAAAAAAAAAAAA"));
	}

	@Test
	void filePathParameterSaysItMayHoldSlashes() {
		JsonNode item = spec().at("/paths/~1api~1v1~1files~1{path}");
		for (String method : List.of("get", "put", "delete", "head")) {
			JsonNode path = item.path(method).path("parameters").values().stream()
				.filter((parameter) -> parameter.path("name").asString().equals("path"))
				.findFirst()
				.orElseThrow();
			assertThat(path.path("in").asString()).isEqualTo("path");
			assertThat(path.path("description").asString()).as(method).contains("slashes").contains("%2F");
		}
	}

	@Test
	void scatterWriteTakesTheLayoutAsJsonTextThenTheDataAsBytes() {
		JsonNode multipart = spec()
			.at("/paths/~1api~1v1~1handles~1{handle}~1scatter-write/post/requestBody/content/multipart~1form-data");
		JsonNode parts = multipart.path("schema").path("properties");
		assertThat(parts.propertyNames()).containsExactly("layout", "data");
		assertThat(parts.at("/layout/type").asString()).isEqualTo("string");
		assertThat(parts.at("/layout").has("contentMediaType")).as("Swagger UI asks for a file for such a string")
			.isFalse();
		assertThat(parts.at("/layout/contentSchema/type").asString()).isEqualTo("array");
		assertThat(parts.at("/layout/contentSchema/items/$ref").asString()).isEqualTo("#/components/schemas/Extent");
		assertThat(parts.at("/layout/examples/0").isString()).isTrue();
		assertThat(parts.at("/data/format").asString()).isEqualTo("binary");
		assertThat(multipart.at("/encoding/layout/contentType").asString()).isEqualTo("application/json");
		assertThat(multipart.at("/schema/required").values()).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("layout", "data");
	}

}
