package dev.gathercopy.agent.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.gathercopy.agent.HandleProtocol;
import dev.gathercopy.agent.HandleProtocol.Reply;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the storage process (SIGKILL) at seeded random moments of pushes, during a gather-copy, a scatter-write, a
 * commit or a whole-file PUT (after a delay drawn up to one and a half times that phase's last duration), and starts
 * it again each time. Pushes are direct handle-protocol calls, so that each phase can be aimed at. The default build
 * kills 30 times; {@code -Dgathercopy.crash.kills} and {@code -Dgathercopy.crash.seed} change
 * the schedule.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class StorageCrashTests {

	private static final String PATH = "crash/file.bin";

	private static final int SIZE = 1 << 20;

	/** Longer than a restart, so that an interrupted commit can be repeated with its handle; short enough to wait. */
	private static final Duration TTL = Duration.ofSeconds(15);

	/** The part of a push a kill is aimed at. */
	enum Phase {

		GATHER_COPY, SCATTER_WRITE, COMMIT, PUT

	}

	@TempDir
	Path dir;

	private final Map<Phase, Long> phaseNanos = new EnumMap<>(Map.of(Phase.GATHER_COPY, 5_000_000L,
			Phase.SCATTER_WRITE, 5_000_000L, Phase.COMMIT, 10_000_000L, Phase.PUT, 10_000_000L));

	@Test
	void fileIsExactlyItsOldOrNewVersionAfterEveryKillAndLeftoversAreSwept() throws Exception {
		int kills = Integer.getInteger("gathercopy.crash.kills", 30);
		Random random = new Random(Long.getLong("gathercopy.crash.seed", 6L));
		Map<Phase, Integer> killed = new EnumMap<>(Phase.class);
		int cutMidRequest = 0;
		int landedBeforeRetry = 0;
		int retriedWithTheSameHandle = 0;
		ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
		try (StorageProcess storage = new StorageProcess(this.dir.resolve("storage"),
				"--storage.handles.ttl=" + TTL.toSeconds() + "s",
				"--storage.handles.sweep-interval=500ms").start()) {
			HandleProtocol api = new HandleProtocol(storage.url());
			byte[] current = new byte[SIZE];
			random.nextBytes(current);
			String version = api.put(PATH, current).etag();
			for (int i = 0; i < kills; i++) {
				Phase phase = Phase.values()[random.nextInt(Phase.values().length)];
				Revision next = Revision.of(current, random, 96 * 1024);
				long delay = (long) (random.nextDouble() * 1.5 * this.phaseNanos.get(phase));
				killed.merge(phase, 1, Integer::sum);
				Attempt attempt = new Attempt(api, next, version, phase);
				try {
					attempt.runUntil(() -> killer.schedule(() -> {
						storage.kill();
						return null;
					}, delay, TimeUnit.NANOSECONDS));
				}
				catch (IOException ex) {
					cutMidRequest++;
				}
				attempt.awaitKill();
				storage.start();

				String context = "kill " + i + " during " + phase + " after " + delay / 1000 + " µs";
				Reply after = api.get(PATH);
				assertThat(after.status()).as(context).isEqualTo(200);
				String sha = HandleProtocol.sha256(after.body());
				assertThat(sha).as(context).isIn(HandleProtocol.sha256(current), next.sha256());
				assertThat(api.list("")).as(context).containsExactly(PATH);
				assertThat(visibleFiles(storage.root())).as(context).containsExactly(PATH);
				boolean landed = sha.equals(next.sha256());
				Reply retried = (phase == Phase.COMMIT)
						? api.commit(attempt.write, version, next.content().length, next.sha256()) : null;
				if (retried != null && retried.status() != 404 && retried.status() != 410) {
					assertThat(retried.status()).as(context + ": " + retried).isEqualTo(200);
					assertThat(retried.json()).as(context).containsEntry("version", api.get(PATH).etag());
					retriedWithTheSameHandle++;
					landedBeforeRetry += landed ? 1 : 0;
				}
				else if (landed) {
					assertThat(phase).as(context + ": landed without a commit").isIn(Phase.COMMIT, Phase.PUT);
					landedBeforeRetry++;
				}
				else {
					Reply pushed = (phase == Phase.PUT) ? api.put(PATH, next.content())
							: next.push(api, PATH, version);
					assertThat(pushed.status()).as(context + ": " + pushed).isIn(200, 201);
				}
				Reply now = api.get(PATH);
				assertThat(now.body()).as(context).isEqualTo(next.content());
				current = next.content();
				version = now.etag();
				if (attempt.nanos >= 0) {
					this.phaseNanos.put(phase, Math.max(1_000_000L, attempt.nanos));
				}
			}
			if (killed.getOrDefault(Phase.COMMIT, 0) > 0) {
				assertThat(retriedWithTheSameHandle).as("commits repeated with their handle after a restart")
					.isPositive();
			}
			awaitEmpty(storage.root().resolve(".gathercopy/handles"));
			awaitEmpty(storage.root().resolve(".gathercopy/uploads"));
			assertThat(api.metric("gathercopy_handles_open")).isZero();
			System.out.printf("storage crash: %d SIGKILLs %s, %d cut a request mid-flight, %d interrupted commits "
					+ "repeated with their handle, %d pushes landed before the kill; every file old or new, every "
					+ "leftover swept%n", kills, killed, cutMidRequest, retriedWithTheSameHandle, landedBeforeRetry);
		}
		finally {
			killer.shutdownNow();
		}
	}

	/** One push, run up to the phase a kill is aimed at and through it. */
	private static final class Attempt {

		private final HandleProtocol api;

		private final Revision revision;

		private final String version;

		private final Phase phase;

		private String write;

		private long nanos = -1;

		private ScheduledFuture<?> kill;

		Attempt(HandleProtocol api, Revision revision, String version, Phase phase) {
			this.api = api;
			this.revision = revision;
			this.version = version;
			this.phase = phase;
		}

		void runUntil(java.util.function.Supplier<ScheduledFuture<?>> killNow) throws IOException,
				InterruptedException {
			if (this.phase == Phase.PUT) {
				this.kill = killNow.get();
				timed(() -> ok(this.api.put(PATH, this.revision.content())));
				return;
			}
			String read = handle(this.api.open(PATH, "read", this.version));
			this.write = handle(this.api.open(PATH, "write", null));
			if (this.phase == Phase.GATHER_COPY) {
				this.kill = killNow.get();
				timed(() -> {
					for (List<long[]> batch : this.revision.copyBatches()) {
						ok(this.api.gatherCopy(this.write, read, batch));
					}
				});
				return;
			}
			for (List<long[]> batch : this.revision.copyBatches()) {
				ok(this.api.gatherCopy(this.write, read, batch));
			}
			if (this.phase == Phase.SCATTER_WRITE) {
				this.kill = killNow.get();
				timed(() -> ok(this.api.scatterWrite(this.write, this.revision.layout(), this.revision.literals())));
				return;
			}
			ok(this.api.scatterWrite(this.write, this.revision.layout(), this.revision.literals()));
			this.kill = killNow.get();
			timed(() -> ok(this.api.commit(this.write, this.version, this.revision.content().length,
					this.revision.sha256())));
		}

		void awaitKill() throws Exception {
			this.kill.get(60, TimeUnit.SECONDS);
		}

		private void timed(Call call) throws IOException, InterruptedException {
			long started = System.nanoTime();
			call.run();
			this.nanos = System.nanoTime() - started;
		}

		private static String handle(Reply reply) {
			return (String) ok(reply).json().get("handle");
		}

		private static Reply ok(Reply reply) {
			assertThat(reply.ok()).as("%s", reply).isTrue();
			return reply;
		}

	}

	@FunctionalInterface
	private interface Call {

		void run() throws IOException, InterruptedException;

	}

	/** Every regular file under the root outside the service's own folder, as a storage path. */
	private static List<String> visibleFiles(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> root.relativize(file).toString())
				.filter((name) -> !name.startsWith(".gathercopy/"))
				.toList();
		}
	}

	private static void awaitEmpty(Path folder) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Path> left;
		do {
			try (Stream<Path> entries = Files.list(folder)) {
				left = entries.toList();
			}
			if (left.isEmpty()) {
				return;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < deadline);
		assertThat(left).as("left in " + folder + " after the sweeps").isEmpty();
	}

}
