package dev.gathercopy.agent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.web.openapi.OpenApiSpecContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in {@code openapi/agent-api.yaml} is the API's contract: it must be exactly what the service serves,
 * and it must say what clients need. After a deliberate change of the API, run
 * {@code mvn -pl agent-service -am verify -Dtest=OpenApiSpecTests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dopenapi.update=true} to rewrite the file from the running service, then review and commit the diff.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agent.workspace=target/test-workspace/${random.uuid}")
@AutoConfigureRestTestClient
class OpenApiSpecTests extends OpenApiSpecContract {

	OpenApiSpecTests() {
		super(Path.of("..", "openapi", "agent-api.yaml"), Set.of("working-copies", "plans", "push"),
				ProblemKind.TYPE_BASE, List.of(ProblemKind.values()), Map.of("id", "no-such-working-copy"));
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

}
