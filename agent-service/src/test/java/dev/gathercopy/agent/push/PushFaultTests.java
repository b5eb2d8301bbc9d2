package dev.gathercopy.agent.push;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gathercopy.agent.FaultProxy;
import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.agent.push.PushEndToEndTests.API;
import static dev.gathercopy.agent.push.PushEndToEndTests.checkoutWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.insert;
import static dev.gathercopy.agent.push.PushEndToEndTests.json;
import static dev.gathercopy.agent.push.PushEndToEndTests.problem;
import static dev.gathercopy.agent.push.PushEndToEndTests.random;
import static dev.gathercopy.agent.push.PushEndToEndTests.replace;
import static dev.gathercopy.agent.push.PushEndToEndTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes through a storage with tiny limits, behind a proxy that breaks requests: the storage killed mid-push, the
 * answer of a commit lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PushFaultTests {

	@TempDir
	static Path dir;

	static StorageProcess storage;

	static FaultProxy proxy;

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = new StorageProcess(dir.resolve("storage"), "--storage.limits.max-regions-per-request=3",
				"--storage.limits.max-bytes-per-request=64KB").start();
		proxy = new FaultProxy(storage.url());
		registry.add("agent.storage.url", () -> proxy.url().toString());
		registry.add("agent.storage.read-timeout", () -> "20s");
		registry.add("agent.workspace", () -> dir.resolve("agent").toString());
	}

	@AfterAll
	static void stop() throws Exception {
		proxy.close();
		storage.close();
	}

	@Test
	void storageWithTinyLimitsStillGetsACorrectPush() throws Exception {
		Remote remote = new Remote(storage.url());
		String path = unique("tiny.bin");
		remote.put(path, random(1_000_000, 21));
		String id = (String) checkoutWith(this.http, path).get("id");
		List<Map<String, Object>> edits = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			edits.add(replace(i * 80_000 + 17, "edit-" + i + "-".repeat(200 * i)));
		}
		PushEndToEndTests.patchWith(this.http, id, edits).expectStatus().isOk();
		Map<String, Object> pushed = PushEndToEndTests.pushWith(this.http, id);
		assertThat(((Number) pushed.get("regionCount")).intValue()).isGreaterThan(3);
		assertThat(remote.get(path)).isEqualTo(PushEndToEndTests.contentWith(this.http, id));
	}

	@Test
	void storageKilledMidPushLeavesTheRemoteAloneAndARetrySucceeds() throws Exception {
		Remote remote = new Remote(storage.url());
		String path = unique("killed.bin");
		byte[] base = random(500_000, 22);
		String version = remote.put(path, base);
		String id = (String) checkoutWith(this.http, path).get("id");
		PushEndToEndTests.patchWith(this.http, id, List.of(replace(1000, "changed"), replace(300_000, "twice")))
			.expectStatus().isOk();
		proxy.onNext((line) -> line.contains("/scatter-write"), () -> {
			try {
				storage.kill();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Map<String, Object> failure = json(this.http.post().uri(API + "/" + id + "/push").exchange());
		assertThat((Integer) failure.get("status")).isIn(502, 503, 504);
		storage.start();
		assertThat(remote.version(path)).isEqualTo(version);
		assertThat(remote.get(path)).isEqualTo(base);
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "modified");
		PushEndToEndTests.pushWith(this.http, id);
		assertThat(remote.get(path)).isEqualTo(PushEndToEndTests.contentWith(this.http, id));
	}

	@ParameterizedTest(name = "in place: {0}")
	@ValueSource(booleans = { true, false })
	void baseBecomesTheCommittedVersionEvenIfTheWorkingFileChangesDuringThePush(boolean inPlace) throws Exception {
		Remote remote = new Remote(storage.url());
		String path = unique("changed-while-pushing.bin");
		remote.put(path, random(400_000, inPlace ? 24 : 25));
		Map<String, Object> copy = checkoutWith(this.http, path);
		String id = (String) copy.get("id");
		PushEndToEndTests.patchWith(this.http, id, List.of(inPlace ? replace(70_000, "pushed") : insert(7, "pushed"),
				replace(300_000, "bytes"))).expectStatus().isOk();
		byte[] pushedContent = PushEndToEndTests.contentWith(this.http, id);
		proxy.onNext((line) -> line.startsWith("POST") && line.contains("/commit"), () -> {
			try (RandomAccessFile file = new RandomAccessFile((String) copy.get("localFile"), "rw")) {
				file.seek(70_000);
				file.write("later".getBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		PushEndToEndTests.pushWith(this.http, id);
		assertThat(remote.get(path)).isEqualTo(pushedContent);
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "modified")
			.containsEntry("baseVersion", remote.version(path));
		assertThat(Files.readAllBytes(dir.resolve("agent").resolve(id).resolve("base"))).as("the new base")
			.isEqualTo(pushedContent);
		Map<String, Object> again = PushEndToEndTests.pushWith(this.http, id);
		assertThat(((Number) again.get("literalBytes")).longValue()).isLessThan(10_000);
		assertThat(remote.get(path)).isEqualTo(PushEndToEndTests.contentWith(this.http, id));
	}

	@Test
	void lostCommitAnswerIsSettledWithoutAConflict() throws Exception {
		Remote remote = new Remote(storage.url());
		String path = unique("lost.bin");
		remote.put(path, random(200_000, 23));
		String id = (String) checkoutWith(this.http, path).get("id");
		PushEndToEndTests.patchWith(this.http, id, List.of(replace(5, "landed"))).expectStatus().isOk();
		proxy.dropAnswerOfNext((line) -> line.startsWith("POST") && line.contains("/commit"));
		Map<String, Object> failure = json(this.http.post().uri(API + "/" + id + "/push").exchange());
		assertThat((Integer) failure.get("status")).isIn(502, 503, 504);
		assertThat(proxy.droppedAnswers()).isPositive();
		byte[] landed = remote.get(path);
		assertThat(landed).isEqualTo(PushEndToEndTests.contentWith(this.http, id));
		Map<String, Object> pushed = PushEndToEndTests.pushWith(this.http, id);
		assertThat(pushed).containsEntry("version", remote.version(path));
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "clean")
			.containsEntry("baseVersion", remote.version(path));
		problem(this.http.get().uri(API + "/nope").exchange(), HttpStatus.NOT_FOUND, "working-copy-not-found");
	}

}
