package dev.gathercopy.agent.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.gathercopy.agent.AgentProcess;
import dev.gathercopy.agent.HandleProtocol;
import dev.gathercopy.agent.StorageProcess;
import dev.gathercopy.agent.plan.AddBuffer;
import dev.gathercopy.agent.plan.EditLog;
import dev.gathercopy.agent.plan.FileAddBuffer;
import dev.gathercopy.agent.plan.MemoryAddBuffer;
import dev.gathercopy.agent.plan.PlanApplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the agent process (SIGKILL) at seeded random moments of PATCH requests and pushes, and starts it again on the
 * same workspace each time. The working copy must hold exactly its content from before or after the interrupted
 * request, its edit log must rebuild its working file, and the next push must land it. {@code -Dgathercopy.crash.agent
 * -kills} and {@code -Dgathercopy.crash.seed} change the schedule.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class AgentCrashTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PATH = "agent-crash/file.bin";

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void workingCopyIsItsOldOrNewContentAfterEveryKillAndItsNextPushLands() throws Exception {
		int kills = Integer.getInteger("gathercopy.crash.agent-kills", 30);
		Random random = new Random(Long.getLong("gathercopy.crash.seed", 6L) + 1);
		ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
		int cutMidRequest = 0;
		int patchKills = 0;
		int inPlaceKills = 0;
		int landedBeforeTheKill = 0;
		try (StorageProcess storage = new StorageProcess(this.dir.resolve("storage"), "--storage.handles.ttl=2s",
				"--storage.handles.sweep-interval=500ms").start();
				AgentProcess agent = new AgentProcess(this.dir.resolve("agent"), storage.url()).start()) {
			HandleProtocol remote = new HandleProtocol(storage.url());
			byte[] model = new byte[1 << 20];
			random.nextBytes(model);
			assertThat(remote.put(PATH, model).status()).isEqualTo(201);
			String id = (String) json(send(agent, post("/api/v1/working-copies", Map.of("path", PATH))), 201).get("id");
			long patchNanos = 0;
			long pushNanos = 0;
			for (int i = 0; i < kills; i++) {
				boolean duringPatch = random.nextBoolean();
				boolean inPlace = random.nextInt(3) == 0;
				List<Map<String, Object>> edits = new ArrayList<>();
				byte[] edited = edit(model, random, inPlace, edits);
				byte[] remoteBefore = remote.get(PATH).body();
				if (!duringPatch) {
					long started = System.nanoTime();
					json(send(agent, patch(id, edits)), 200);
					patchNanos = System.nanoTime() - started;
					model = edited;
				}
				long delay = (long) (random.nextDouble() * Math.max(1_000_000, duringPatch ? patchNanos : pushNanos));
				ScheduledFuture<?> kill = killer.schedule(() -> {
					agent.kill();
					return null;
				}, delay, TimeUnit.NANOSECONDS);
				long started = System.nanoTime();
				try {
					if (duringPatch) {
						send(agent, patch(id, edits));
						patchNanos = System.nanoTime() - started;
					}
					else {
						send(agent, post("/api/v1/working-copies/" + id + "/push", null));
						pushNanos = System.nanoTime() - started;
					}
				}
				catch (IOException ex) {
					cutMidRequest++;
				}
				kill.get(60, TimeUnit.SECONDS);
				agent.start();

				String request = duringPatch ? (inPlace ? "in-place PATCH" : "PATCH") : "push";
				String context = "kill " + i + " during " + request + " after " + delay / 1000 + " µs";
				patchKills += duringPatch ? 1 : 0;
				inPlaceKills += (duringPatch && inPlace) ? 1 : 0;
				byte[] content = send(agent, get("/api/v1/working-copies/" + id + "/content")).body();
				if (duringPatch) {
					assertThat(HandleProtocol.sha256(content)).as(context + ": the working file is old or new")
						.isIn(HandleProtocol.sha256(model), HandleProtocol.sha256(edited));
					model = content;
				}
				else {
					assertThat(content).as(context).isEqualTo(model);
					byte[] remoteNow = remote.get(PATH).body();
					assertThat(HandleProtocol.sha256(remoteNow)).as(context + ": the remote is old or new")
						.isIn(HandleProtocol.sha256(remoteBefore), HandleProtocol.sha256(model));
					landedBeforeTheKill += java.util.Arrays.equals(remoteNow, model) ? 1 : 0;
				}
				assertThat(json(send(agent, get("/api/v1/working-copies/" + id)), 200).get("state")).as(context)
					.isIn("clean", "modified");
				assertEditLogRebuildsTheWorkingFile(agent.workspace().resolve(id), context);
				assertBaseIsTheRemoteVersionItNames(agent.workspace().resolve(id), remote, context);
				long pushStarted = System.nanoTime();
				json(send(agent, post("/api/v1/working-copies/" + id + "/push", null)), 200);
				pushNanos = System.nanoTime() - pushStarted;
				assertThat(remote.get(PATH).body()).as(context + ": the remote after the next push").isEqualTo(model);
				assertThat(json(send(agent, get("/api/v1/working-copies/" + id)), 200)).as(context)
					.containsEntry("state", "clean");
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (remote.metric("gathercopy_handles_open") > 0 && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			assertThat(remote.metric("gathercopy_handles_open")).as("handles left open by killed pushes").isZero();
			System.out.printf("agent crash: %d SIGKILLs (%d during PATCH, %d of them in place, %d during push), %d cut "
					+ "a request mid-flight, %d pushes had landed before the kill; every working copy old or new, "
					+ "every next push landed%n", kills, patchKills, inPlaceKills, kills - patchKills, cutMidRequest,
					landedBeforeTheKill);
		}
		finally {
			killer.shutdownNow();
		}
	}

	/**
	 * Kills the agent just after pushes answered, while it brings the base to the landed version (patched in place, or
	 * rebuilt in the background): after each restart the base is exactly the remote version, the working copy clean.
	 */
	@Test
	void baseIsTheLandedVersionAfterAKillDuringItsRebase() throws Exception {
		int kills = Integer.getInteger("gathercopy.crash.rebase-kills", 6);
		Random random = new Random(Long.getLong("gathercopy.crash.seed", 6L) + 2);
		int midRebase = 0;
		try (StorageProcess storage = new StorageProcess(this.dir.resolve("storage")).start();
				AgentProcess agent = new AgentProcess(this.dir.resolve("agent"), storage.url()).start()) {
			HandleProtocol remote = new HandleProtocol(storage.url());
			byte[] model = new byte[24 << 20];
			random.nextBytes(model);
			assertThat(remote.put(PATH, model).status()).isEqualTo(201);
			String id = (String) json(send(agent, post("/api/v1/working-copies", Map.of("path", PATH))), 201).get("id");
			Path copy = agent.workspace().resolve(id);
			for (int i = 0; i < kills; i++) {
				boolean inPlace = i % 2 == 0;
				List<Map<String, Object>> edits = new ArrayList<>();
				model = edit(model, random, inPlace, edits);
				json(send(agent, patch(id, edits)), 200);
				json(send(agent, post("/api/v1/working-copies/" + id + "/push", null)), 200);
				Thread.sleep(random.nextInt(inPlace ? 2 : 8));
				agent.kill();
				String context = "kill " + i + " after an " + (inPlace ? "in-place" : "other") + " push";
				midRebase += JSON.readValue(Files.readAllBytes(copy.resolve("state.json")), Map.class)
					.get("rebasing") != null ? 1 : 0;
				agent.start();
				assertThat(json(send(agent, get("/api/v1/working-copies/" + id)), 200)).as(context)
					.containsEntry("state", "clean");
				assertThat(remote.get(PATH).body()).as(context).isEqualTo(model);
				assertBaseIsTheRemoteVersionItNames(copy, remote, context);
				assertThat(Files.exists(copy.resolve(".base.tmp"))).as(context + ": scratch left").isFalse();
				assertThat(Files.exists(copy.resolve("pushed-literals"))).as(context + ": literals left").isFalse();
			}
			System.out.printf("agent crash: %d SIGKILLs just after a push, %d of them during the rebase%n", kills,
					midRebase);
			assertThat(midRebase).as("kills that met an unfinished rebase").isPositive();
		}
	}

	/** The base must hold exactly the remote version that the state names, when that is the remote's current one. */
	@SuppressWarnings("unchecked")
	private void assertBaseIsTheRemoteVersionItNames(Path copy, HandleProtocol remote, String context)
			throws IOException, InterruptedException {
		Map<String, Object> state = JSON.readValue(Files.readAllBytes(copy.resolve("state.json")), Map.class);
		HandleProtocol.Reply current = remote.get(PATH);
		if (state.get("rebasing") == null && current.etag() != null
				&& current.etag().replace("\"", "").equals(state.get("baseVersion"))) {
			Path expected = Files.write(this.dir.resolve("expected-base"), current.body());
			assertThat(Files.mismatch(copy.resolve("base"), expected)).as(context
					+ ": the base is the version the state names").isEqualTo(-1);
		}
	}

	/**
	 * Applies a random batch of edits to {@code content}, describing them in {@code edits}: inserts, deletes and
	 * replaces, or only replaces inside the file (which the agent writes in place).
	 */
	private static byte[] edit(byte[] content, Random random, boolean inPlace, List<Map<String, Object>> edits) {
		byte[] current = content;
		for (int n = 0; n < 40; n++) {
			byte[] data = new byte[1 + random.nextInt(2048)];
			random.nextBytes(data);
			int offset = inPlace ? random.nextInt(current.length - data.length) : random.nextInt(current.length + 1);
			ByteArrayOutputStream next = new ByteArrayOutputStream();
			switch (inPlace ? 2 : random.nextInt(3)) {
				case 0 -> {
					edits.add(Map.of("op", "insert", "offset", offset, "data", base64(data)));
					next.write(current, 0, offset);
					next.writeBytes(data);
					next.write(current, offset, current.length - offset);
				}
				case 1 -> {
					int length = Math.min(current.length - offset, data.length);
					edits.add(Map.of("op", "delete", "offset", offset, "length", length));
					next.write(current, 0, offset);
					next.write(current, offset + length, current.length - offset - length);
				}
				default -> {
					edits.add(Map.of("op", "replace", "offset", offset, "data", base64(data)));
					next.write(current, 0, offset);
					next.writeBytes(data);
					if (offset + data.length < current.length) {
						next.write(current, offset + data.length, current.length - offset - data.length);
					}
				}
			}
			current = next.toByteArray();
		}
		return current;
	}

	private static String base64(byte[] data) {
		return Base64.getEncoder().encodeToString(data);
	}

	/** When the state says the edit log describes the working file (and no commit is pending), it must rebuild it. */
	@SuppressWarnings("unchecked")
	private void assertEditLogRebuildsTheWorkingFile(Path copy, String context) throws IOException {
		Map<String, Object> state = JSON.readValue(Files.readAllBytes(copy.resolve("state.json")), Map.class);
		if (!Boolean.TRUE.equals(state.get("editLogValid")) || state.get("pending") != null) {
			return;
		}
		Path work;
		try (var files = Files.list(copy.resolve("work"))) {
			work = files.findFirst().orElseThrow();
		}
		Path rebuilt = this.dir.resolve("rebuilt");
		long baseSize = ((Number) state.get("baseSize")).longValue();
		try (AddBuffer added = Files.exists(copy.resolve("adds")) ? FileAddBuffer.open(copy.resolve("adds"))
				: new MemoryAddBuffer()) {
			EditLog log;
			if (Files.exists(copy.resolve("edits"))) {
				try (InputStream in = new BufferedInputStream(Files.newInputStream(copy.resolve("edits")))) {
					log = EditLog.readFrom(in, added);
				}
			}
			else {
				log = new EditLog(baseSize, added);
			}
			try (FileChannel base = FileChannel.open(copy.resolve("base"), StandardOpenOption.READ);
					FileChannel out = FileChannel.open(rebuilt, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
							StandardOpenOption.TRUNCATE_EXISTING)) {
				PlanApplier.rebuild(base, log.plan(), log.literals(), out);
			}
		}
		assertThat(Files.mismatch(rebuilt, work)).as(context + ": the edit log rebuilds the working file")
			.isEqualTo(-1);
		Files.delete(rebuilt);
	}

	private HttpResponse<byte[]> send(AgentProcess agent, HttpRequest.Builder request)
			throws IOException, InterruptedException {
		URI uri = request.build().uri();
		return this.http.send(request.uri(agent.url().resolve(uri.getPath())).timeout(Duration.ofSeconds(120)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private static HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create("http://agent" + path)).GET();
	}

	private static HttpRequest.Builder post(String path, Object body) {
		return HttpRequest.newBuilder(URI.create("http://agent" + path))
			.header("Content-Type", "application/json")
			.POST((body != null) ? HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))
					: HttpRequest.BodyPublishers.noBody());
	}

	private static HttpRequest.Builder patch(String id, List<Map<String, Object>> edits) {
		return HttpRequest.newBuilder(URI.create("http://agent/api/v1/working-copies/" + id + "/content"))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("edits", edits))));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<byte[]> response, int status) {
		assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
		return JSON.readValue(response.body(), Map.class);
	}

}
