package dev.gathercopy.agent.workingcopy;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A diff plan is computed once for unchanged files: the push reuses the plan shown, and any change plans anew. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class DiffPlanReuseTests {

	private static final String API = "/api/v1/working-copies";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path dir;

	static StorageProcess storage;

	@Autowired
	RestTestClient http;

	@Autowired
	WorkingCopies workingCopies;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = StorageProcess.startFor(registry, dir);
	}

	@AfterAll
	static void stopStorage() throws InterruptedException {
		storage.close();
	}

	@Test
	void pushReusesThePlanShownForTheSameFiles() throws Exception {
		Map<String, Object> copy = changedOnDisk();
		String id = (String) copy.get("id");
		long before = this.workingCopies.diffsMade();
		assertThat(json(this.http.get().uri(API + "/" + id + "/plan?summary=true"))).containsEntry("method", "diff");
		json(this.http.get().uri(API + "/" + id + "/plan?summary=true"));
		json(this.http.post().uri(API + "/" + id + "/push"));
		assertThat(this.workingCopies.diffsMade() - before).isEqualTo(1);
	}

	@Test
	void workingFileChangedAfterThePlanIsPlannedAgain() throws Exception {
		Map<String, Object> copy = changedOnDisk();
		String id = (String) copy.get("id");
		long before = this.workingCopies.diffsMade();
		json(this.http.get().uri(API + "/" + id + "/plan?summary=true"));
		write(Path.of((String) copy.get("localFile")), 150_000, 7);
		json(this.http.post().uri(API + "/" + id + "/push"));
		assertThat(this.workingCopies.diffsMade() - before).isEqualTo(2);
		assertThat(new Remote(storage.url()).get((String) copy.get("path"))).isEqualTo(this.http.get()
			.uri(API + "/" + id + "/content").exchange().returnResult(byte[].class).getResponseBody());
	}

	@Test
	void newBaseIsPlannedAgain() throws Exception {
		Map<String, Object> copy = changedOnDisk();
		String id = (String) copy.get("id");
		json(this.http.post().uri(API + "/" + id + "/push"));
		long before = this.workingCopies.diffsMade();
		write(Path.of((String) copy.get("localFile")), 20_000, 8);
		Map<String, Object> plan = json(this.http.get().uri(API + "/" + id + "/plan?summary=true"));
		assertThat(((Number) plan.get("literalBytes")).longValue()).isBetween(1L, 64L);
		json(this.http.post().uri(API + "/" + id + "/push"));
		assertThat(this.workingCopies.diffsMade() - before).isEqualTo(1);
		assertThat(json(this.http.get().uri(API + "/" + id + "/plan?summary=true"))).containsEntry("literalBytes", 0);
	}

	/** A working copy of a new remote file whose working file another program changed. */
	private Map<String, Object> changedOnDisk() throws Exception {
		String path = "reuse/" + UUID.randomUUID() + ".bin";
		byte[] content = new byte[300_000];
		new Random(path.hashCode()).nextBytes(content);
		new Remote(storage.url()).put(path, content);
		Map<String, Object> copy = json(this.http.post().uri(API).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path)));
		write(Path.of((String) copy.get("localFile")), 100_000, 9);
		return copy;
	}

	private static void write(Path file, long offset, long seed) throws Exception {
		byte[] bytes = new byte[64];
		new Random(seed).nextBytes(bytes);
		try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
			out.seek(offset);
			out.write(bytes);
		}
	}

	private static Map<String, Object> json(RestTestClient.RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().is2xxSuccessful().expectBody(JSON).returnResult().getResponseBody();
	}

}
