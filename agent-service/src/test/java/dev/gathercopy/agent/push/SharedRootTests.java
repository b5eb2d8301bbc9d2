package dev.gathercopy.agent.push;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.gathercopy.agent.CommitChain;
import dev.gathercopy.agent.HandleProtocol;
import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.RoundRobinProxy;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.agent.push.PushEndToEndTests.API;
import static dev.gathercopy.agent.push.PushEndToEndTests.checkoutWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.contentWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.json;
import static dev.gathercopy.agent.push.PushEndToEndTests.patchWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.pushWith;
import static dev.gathercopy.agent.push.PushEndToEndTests.random;
import static dev.gathercopy.agent.push.PushEndToEndTests.replace;
import static dev.gathercopy.agent.push.PushEndToEndTests.insert;
import static dev.gathercopy.agent.push.PushEndToEndTests.delete;
import static dev.gathercopy.agent.push.PushEndToEndTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two storage instances on one root behind a round-robin proxy; each closes its connections after one request, so the
 * agent's calls alternate between them call by call (a read handle opened on one is copied from on the other, a commit
 * lands through either).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SharedRootTests {

	private static final int ROUNDS = 12;

	@TempDir
	static Path dir;

	static StorageProcess first;

	static StorageProcess second;

	static RoundRobinProxy proxy;

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		String[] arguments = { "--server.tomcat.max-keep-alive-requests=1", "--storage.limits.max-open-handles=8",
				"--storage.handles.sweep-interval=500ms" };
		first = new StorageProcess(dir.resolve("storage"), arguments).start();
		second = new StorageProcess(dir.resolve("storage"), arguments).start();
		proxy = new RoundRobinProxy(List.of(first.url(), second.url()));
		registry.add("agent.storage.url", () -> proxy.url().toString());
		registry.add("agent.workspace", () -> dir.resolve("agent").toString());
	}

	@AfterAll
	static void stop() throws Exception {
		proxy.close();
		first.close();
		second.close();
	}

	@Test
	void pushesAlternatingBetweenTwoInstancesLandTheRightBytes() throws Exception {
		Random random = new Random(31);
		List<String> paths = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int f = 0; f < 3; f++) {
			String path = unique("shared-" + f + ".bin");
			new Remote(first.url()).put(path, random(400_000, 30 + f));
			paths.add(path);
			ids.add((String) checkoutWith(this.http, path).get("id"));
		}
		int[] before = proxy.connections();
		for (int round = 0; round < ROUNDS; round++) {
			for (int f = 0; f < paths.size(); f++) {
				String id = ids.get(f);
				long size = ((Number) json(this.http.get().uri(API + "/" + id).exchange()).get("size")).longValue();
				long at = (long) (random.nextDouble() * (size - 100));
				patchWith(this.http, id, List.of(insert(at, "round " + round), delete(at / 2, 50),
						replace(at / 3, "file " + f))).expectStatus().isOk();
				pushWith(this.http, id);
				byte[] expected = contentWith(this.http, id);
				Remote onEither = new Remote(((round + f) % 2 == 0) ? first.url() : second.url());
				assertThat(onEither.get(paths.get(f))).as("round %d, file %d", round, f).isEqualTo(expected);
			}
		}
		int[] after = proxy.connections();
		int toFirst = after[0] - before[0];
		int toSecond = after[1] - before[1];
		assertThat(Math.min(toFirst, toSecond)).as("calls to each instance: %d and %d", toFirst, toSecond)
			.isGreaterThan((toFirst + toSecond) / 3);
		awaitNoHandleCountedOpen(first);
		awaitNoHandleCountedOpen(second);
		System.out.printf("shared root: %d pushes, calls split %d / %d between the two instances%n",
				ROUNDS * paths.size(), toFirst, toSecond);
	}

	@Test
	void concurrentPushesThroughBothInstancesLoseNoUpdate() throws Exception {
		String path = unique("contended.bin");
		String initial = new Remote(first.url()).put(path, random(200_000, 40));
		int clients = 4;
		List<CommitChain.Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<Integer>> conflicts = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int client = c;
				conflicts.add(pool.submit(() -> pushRounds(path, client, 10, accepted)));
			}
			int refused = 0;
			for (Future<Integer> result : conflicts) {
				refused += result.get(5, TimeUnit.MINUTES);
			}
			Remote remote = new Remote(second.url());
			byte[] finalBytes = remote.get(path);
			CommitChain.assertNoLostUpdate(path, initial, accepted, remote.version(path),
					HandleProtocol.sha256(finalBytes));
			assertThat(accepted).isNotEmpty();
			System.out.printf("shared root: %d concurrent pushes accepted, %d refused as conflicts%n", accepted.size(),
					refused);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Each instance counts the handles opened through it until they are committed or closed, by either instance. */
	private static void awaitNoHandleCountedOpen(StorageProcess storage) throws Exception {
		HandleProtocol api = new HandleProtocol(storage.url());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		double open;
		while ((open = api.metric("gathercopy_handles_open")) > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(open).as("handles %s counts as open", storage.url()).isZero();
	}

	/** Edits and pushes its own working copy of the file; a conflict is refreshed away. Returns the conflicts seen. */
	private int pushRounds(String path, int client, int rounds, List<CommitChain.Accepted> accepted) {
		String id = (String) checkoutWith(this.http, path).get("id");
		int conflicts = 0;
		for (int round = 0; round < rounds; round++) {
			String base = (String) json(this.http.get().uri(API + "/" + id).exchange()).get("baseVersion");
			patchWith(this.http, id, List.of(replace(client * 1000L, "client " + client + " round " + round)))
				.expectStatus().isOk();
			String sha = HandleProtocol.sha256(contentWith(this.http, id));
			Map<String, Object> answer = json(this.http.post().uri(API + "/" + id + "/push").exchange());
			if (Integer.valueOf(409).equals(answer.get("status"))) {
				conflicts++;
				this.http.post().uri(API + "/" + id + "/refresh?discard=true").exchange().expectStatus().isOk();
			}
			else {
				assertThat(answer).as("push of client %d, round %d", client, round).containsKey("version");
				accepted.add(new CommitChain.Accepted(base, (String) answer.get("version"), sha));
			}
		}
		return conflicts;
	}

}
