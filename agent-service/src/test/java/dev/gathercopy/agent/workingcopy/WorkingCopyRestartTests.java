package dev.gathercopy.agent.workingcopy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.gathercopy.agent.AgentApplication;
import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Working copies, their edit logs and their state live in the workspace and outlive the agent. */
class WorkingCopyRestartTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void workingCopiesAndEditLogsSurviveARestart() throws Exception {
		try (StorageProcess storage = new StorageProcess(this.dir.resolve("storage")).start()) {
			Remote remote = new Remote(storage.url());
			byte[] base = new byte[300_000];
			new java.util.Random(3).nextBytes(base);
			remote.put("restart/a.bin", base);
			String id;
			try (ConfigurableApplicationContext agent = start(storage)) {
				RestTestClient http = client(agent);
				id = (String) json(http.post().uri("/api/v1/working-copies").contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("path", "restart/a.bin")).exchange()).get("id");
				http.patch().uri("/api/v1/working-copies/" + id + "/content").contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("edits", List.of(Map.of("op", "insert", "offset", 7, "data",
							Base64.getEncoder().encodeToString("persisted".getBytes())))))
					.exchange().expectStatus().isOk();
			}
			try (ConfigurableApplicationContext agent = start(storage)) {
				RestTestClient http = client(agent);
				assertThat(json(http.get().uri("/api/v1/working-copies/" + id).exchange()))
					.containsEntry("state", "modified").containsEntry("size", 300_009);
				assertThat(json(http.get().uri("/api/v1/working-copies/" + id + "/plan").exchange()))
					.containsEntry("method", "edit-log").containsEntry("literalBytes", 9);
				json(http.post().uri("/api/v1/working-copies/" + id + "/push").exchange());
				byte[] pushed = remote.get("restart/a.bin");
				assertThat(new String(pushed, 7, 9)).isEqualTo("persisted");
				assertThat(pushed).hasSize(300_009);
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void inPlacePatchCutShortByACrashIsRolledBack() throws Exception {
		try (StorageProcess storage = new StorageProcess(this.dir.resolve("storage")).start()) {
			byte[] base = new byte[100_000];
			new java.util.Random(4).nextBytes(base);
			new Remote(storage.url()).put("restart/b.bin", base);
			String id;
			try (ConfigurableApplicationContext agent = start(storage)) {
				id = (String) json(client(agent).post().uri("/api/v1/working-copies")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("path", "restart/b.bin"))
					.exchange()).get("id");
			}
			Path copy = this.dir.resolve("agent").resolve(id);
			Map<String, Object> state = JSON.readValue(Files.readAllBytes(copy.resolve("state.json")), Map.class);
			Files.write(copy.resolve("undo.json"), JSON.writeValueAsBytes(Map.of("before", state.get("stamp"),
					"ranges", List.of(Map.of("offset", 500, "bytes", Arrays.copyOfRange(base, 500, 600))))));
			try (RandomAccessFile work = new RandomAccessFile(copy.resolve("work/b.bin").toFile(), "rw")) {
				work.seek(500);
				work.write(new byte[60]);
			}
			try (ConfigurableApplicationContext agent = start(storage)) {
				RestTestClient http = client(agent);
				assertThat(json(http.get().uri("/api/v1/working-copies/" + id).exchange())).containsEntry("state",
						"clean");
				assertThat(http.get().uri("/api/v1/working-copies/" + id + "/content").exchange()
					.expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(base);
				assertThat(copy.resolve("undo.json")).doesNotExist();
			}
		}
	}

	private ConfigurableApplicationContext start(StorageProcess storage) {
		return new SpringApplicationBuilder(AgentApplication.class).run("--server.port=0",
				"--agent.workspace=" + this.dir.resolve("agent"), "--agent.storage.url=" + storage.url(),
				"--spring.main.banner-mode=off");
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	private static Map<String, Object> json(RestTestClient.ResponseSpec response) {
		return response.expectStatus().is2xxSuccessful().expectBody(MAP).returnResult().getResponseBody();
	}

}
