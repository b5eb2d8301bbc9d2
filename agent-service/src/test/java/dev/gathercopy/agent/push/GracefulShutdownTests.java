package dev.gathercopy.agent.push;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.gathercopy.agent.FaultProxy;
import dev.gathercopy.agent.HandleProtocol;
import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.agent.push.PushEndToEndTests.API;
import static dev.gathercopy.agent.push.PushEndToEndTests.checkoutWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.contentWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.insert;
import static dev.gathercopy.agent.push.PushEndToEndTests.json;
import static dev.gathercopy.agent.push.PushEndToEndTests.patchWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.pushWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.random;
import static dev.gathercopy.agent.push.PushEndToEndTests.replace;
import static dev.gathercopy.agent.push.PushEndToEndTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage is asked to stop (SIGTERM, {@code server.shutdown=graceful}) while a push is in flight: the push lands
 * or fails cleanly with a problem, the remote file is exactly its old or its new version, the storage exits by itself,
 * and after a restart the push goes through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GracefulShutdownTests {

	/** The exit code of a JVM that stopped on SIGTERM after running its shutdown hooks. */
	private static final int STOPPED_BY_SIGTERM = 143;

	@TempDir
	static Path dir;

	static StorageProcess storage;

	static FaultProxy proxy;

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = new StorageProcess(dir.resolve("storage"), "--storage.limits.max-regions-per-request=4").start();
		proxy = new FaultProxy(storage.url());
		registry.add("agent.storage.url", () -> proxy.url().toString());
		registry.add("agent.storage.read-timeout", () -> "60s");
		registry.add("agent.workspace", () -> dir.resolve("agent").toString());
	}

	@AfterAll
	static void stop() throws Exception {
		proxy.close();
		storage.close();
	}

	@ParameterizedTest(name = "SIGTERM during {0}")
	@ValueSource(strings = { "/gather-copy", "/scatter-write", "/commit" })
	void pushDuringAGracefulStopLandsOrFailsCleanlyAndARetryLands(String call) throws Exception {
		Remote remote = new Remote(storage.url());
		String path = unique("graceful.bin");
		byte[] old = random(2_000_000, 50);
		remote.put(path, old);
		String id = (String) checkoutWith(this.http, path).get("id");
		patchWith(this.http, id, List.of(insert(10, "graceful"), replace(900_000, "stop"), insert(1_500_000, "now"),
				replace(1_999_000, "end"))).expectStatus().isOk();
		byte[] pushed = contentWith(this.http, id);
		CompletableFuture<Integer> exit = new CompletableFuture<>();
		proxy.onNext((line) -> line.startsWith("POST") && line.contains(call), () -> CompletableFuture.runAsync(() -> {
			try {
				exit.complete(storage.terminate());
			}
			catch (InterruptedException ex) {
				exit.completeExceptionally(ex);
			}
		}));
		RestTestClient.ResponseSpec answer = this.http.post().uri(API + "/" + id + "/push").exchange();
		Map<String, Object> body = json(answer);
		int status = (Integer) body.getOrDefault("status", 200);
		if (status != 200) {
			assertThat(status).as("%s", body).isIn(502, 503, 504);
			assertThat((String) body.get("type")).startsWith("https://gathercopy.dev/problems/agent/storage-");
		}
		assertThat(exit.get(2, TimeUnit.MINUTES)).as("exit code after SIGTERM").isEqualTo(STOPPED_BY_SIGTERM);
		storage.start();
		byte[] after = remote.get(path);
		assertThat(HandleProtocol.sha256(after)).as("the remote after the stop")
			.isIn(HandleProtocol.sha256(old), HandleProtocol.sha256(pushed));
		if (status == 200) {
			assertThat(after).isEqualTo(pushed);
		}
		pushWith(this.http, id);
		assertThat(remote.get(path)).isEqualTo(pushed);
		assertThat(json(this.http.get().uri(API + "/" + id).exchange())).containsEntry("state", "clean");
		System.out.printf("graceful stop during %s: the push answered %d, the storage exited with %d%n", call, status,
				exit.get());
	}

}
