package dev.gathercopy.agent.auth;

import java.nio.file.Path;
import java.util.Map;

import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's own bearer tokens and prefixes, in front of a storage that needs the agent's token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class AgentAuthTests {

	static final String STORAGE_TOKEN = "storage-token-0123456789";

	static final String ALICE = "alice-token-0123456789";

	static final String TEAM = "team-token-0123456789";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path dir;

	static StorageProcess storage;

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = StorageProcess.startFor(registry, dir, "--storage.auth.tokens[0].name=agent",
				"--storage.auth.tokens[0].token=" + STORAGE_TOKEN);
		registry.add("agent.storage.token", () -> STORAGE_TOKEN);
		registry.add("agent.auth.tokens[0].name", () -> "alice");
		registry.add("agent.auth.tokens[0].token", () -> ALICE);
		registry.add("agent.auth.tokens[1].name", () -> "team");
		registry.add("agent.auth.tokens[1].token", () -> TEAM);
		registry.add("agent.auth.tokens[1].prefix", () -> "team/");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		storage.close();
	}

	@Test
	void requestsWithoutAValidTokenAre401() {
		assertThat(this.http.get().uri("/api/v1/working-copies").exchange().expectStatus()
			.isEqualTo(HttpStatus.UNAUTHORIZED).expectBody(JSON).returnResult().getResponseBody())
			.containsEntry("type", "https://gathercopy.dev/problems/agent/unauthorized");
		this.http.get().uri("/api/v1/working-copies").header("Authorization", "Bearer nope-nope-nope-nope").exchange()
			.expectStatus().isUnauthorized();
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void agentUsesItsStorageTokenAndTokensSeeOnlyTheirOwnWorkingCopies() {
		RestTestClient alice = as(ALICE);
		RestTestClient team = as(TEAM);
		Map<String, Object> copy = alice.post().uri("/api/v1/working-copies").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", "alice/new.txt", "create", true)).exchange().expectStatus().isCreated()
			.expectBody(JSON).returnResult().getResponseBody();
		String id = (String) copy.get("id");
		alice.post().uri("/api/v1/working-copies/" + id + "/push").exchange().expectStatus().isOk();
		team.get().uri("/api/v1/working-copies/" + id).exchange().expectStatus().isNotFound();
		team.post().uri("/api/v1/working-copies").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", "alice/other.txt", "create", true)).exchange().expectStatus().isForbidden();
		team.post().uri("/api/v1/working-copies").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", "team/ok.txt", "create", true)).exchange().expectStatus().isCreated();
	}

	private RestTestClient as(String token) {
		return this.http.mutate().defaultHeader("Authorization", "Bearer " + token).build();
	}

}
