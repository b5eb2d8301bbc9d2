package dev.gathercopy.agent.workingcopy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.gathercopy.agent.AgentApplication;
import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random edit sequences through PATCH, mixed with changes made on disk by another program, against an in-memory model:
 * the working file always holds the model's bytes, and after a push so does the remote file.
 */
class WorkingCopyEditsPropertyTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static Path dir;

	static StorageProcess storage;

	static ConfigurableApplicationContext agent;

	static RestTestClient http;

	@BeforeContainer
	static void start() throws Exception {
		dir = Files.createTempDirectory("gathercopy-edits");
		storage = new StorageProcess(dir.resolve("storage")).start();
		agent = new SpringApplicationBuilder(AgentApplication.class).run("--server.port=0",
				"--agent.workspace=" + dir.resolve("agent"), "--agent.storage.url=" + storage.url(),
				"--spring.main.banner-mode=off", "--logging.level.root=warn");
		int port = ((WebServerApplicationContext) agent).getWebServer().getPort();
		http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@AfterContainer
	static void stop() throws Exception {
		agent.close();
		storage.close();
	}

	@Property(tries = 40)
	void workingFileAndRemoteFollowTheModel(@ForAll long seed) throws Exception {
		Random random = new Random(seed);
		Remote remote = new Remote(storage.url());
		String path = "props/" + UUID.randomUUID() + ".bin";
		byte[] model = new byte[random.nextInt(4) == 0 ? random.nextInt(64) : random.nextInt(200_000)];
		random.nextBytes(model);
		remote.put(path, model);
		Map<String, Object> copy = json(http.post().uri("/api/v1/working-copies").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path)).exchange());
		String id = (String) copy.get("id");
		Path local = Path.of((String) copy.get("localFile"));
		int rounds = 1 + random.nextInt(4);
		for (int round = 0; round < rounds; round++) {
			if (random.nextInt(4) == 0) {
				model = changeOnDisk(local, model, random);
			}
			List<Map<String, Object>> edits = new ArrayList<>();
			int count = 1 + random.nextInt(6);
			for (int i = 0; i < count; i++) {
				model = randomEdit(model, random, edits);
			}
			http.patch().uri("/api/v1/working-copies/" + id + "/content").contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("edits", edits)).exchange().expectStatus().isOk();
			assertThat(Files.readAllBytes(local)).isEqualTo(model);
			if (random.nextInt(3) == 0) {
				json(http.post().uri("/api/v1/working-copies/" + id + "/push").exchange());
				assertThat(remote.get(path)).isEqualTo(model);
			}
		}
		json(http.post().uri("/api/v1/working-copies/" + id + "/push").exchange());
		assertThat(remote.get(path)).isEqualTo(model);
		assertThat(json(http.get().uri("/api/v1/working-copies/" + id).exchange())).containsEntry("state", "clean");
	}

	private static byte[] randomEdit(byte[] model, Random random, List<Map<String, Object>> edits) {
		long offset = (model.length == 0) ? 0 : random.nextInt(model.length + 1);
		byte[] data = new byte[random.nextInt(3) == 0 ? random.nextInt(20_000) : random.nextInt(100)];
		random.nextBytes(data);
		switch (random.nextInt(3)) {
			case 0 -> {
				edits.add(Map.of("op", "insert", "offset", offset, "data", Base64.getEncoder().encodeToString(data)));
				byte[] next = new byte[model.length + data.length];
				System.arraycopy(model, 0, next, 0, (int) offset);
				System.arraycopy(data, 0, next, (int) offset, data.length);
				System.arraycopy(model, (int) offset, next, (int) offset + data.length, model.length - (int) offset);
				return next;
			}
			case 1 -> {
				long length = (model.length == offset) ? 0 : random.nextInt((int) (model.length - offset) + 1);
				edits.add(Map.of("op", "delete", "offset", offset, "length", length));
				byte[] next = new byte[model.length - (int) length];
				System.arraycopy(model, 0, next, 0, (int) offset);
				System.arraycopy(model, (int) (offset + length), next, (int) offset, model.length - (int) (offset + length));
				return next;
			}
			default -> {
				edits.add(Map.of("op", "replace", "offset", offset, "data", Base64.getEncoder().encodeToString(data)));
				byte[] next = java.util.Arrays.copyOf(model, Math.max(model.length, (int) offset + data.length));
				System.arraycopy(data, 0, next, (int) offset, data.length);
				return next;
			}
		}
	}

	private static byte[] changeOnDisk(Path local, byte[] model, Random random) throws Exception {
		byte[] next = model.clone();
		try (RandomAccessFile file = new RandomAccessFile(local.toFile(), "rw")) {
			if (next.length > 0) {
				int at = random.nextInt(next.length);
				byte[] bytes = new byte[Math.min(next.length - at, 1 + random.nextInt(500))];
				random.nextBytes(bytes);
				file.seek(at);
				file.write(bytes);
				System.arraycopy(bytes, 0, next, at, bytes.length);
			}
			else {
				next = new byte[] { 42 };
				file.write(next);
			}
		}
		return next;
	}

	private static Map<String, Object> json(RestTestClient.ResponseSpec response) {
		return response.expectStatus().is2xxSuccessful().expectBody(JSON).returnResult().getResponseBody();
	}

}
