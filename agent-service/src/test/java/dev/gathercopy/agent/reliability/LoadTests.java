package dev.gathercopy.agent.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.gathercopy.agent.CommitChain;
import dev.gathercopy.agent.HandleProtocol;
import dev.gathercopy.agent.HandleProtocol.Reply;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent clients pushing new versions of a few shared files through the storage handle protocol, directly (not
 * through the agent), with the open-handle limit set below what they would hold together: 32 clients on 8 files for 200
 * rounds ({@code -Dgathercopy.load.clients}, {@code .files}, {@code .rounds} change them).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class LoadTests {

	private static final int SIZE = 64 * 1024;

	/** Heap that may stay in use after the load, after a full GC: caches filled and classes loaded on first use. */
	private static final long HEAP_SLACK = 48L << 20;

	/** File descriptors that may stay open after the load: pooled connections, the odd lazily opened file. */
	private static final int FD_SLACK = 8;

	@TempDir
	Path dir;

	@Test
	void everyCommitIsAcceptedOrRefusedNoUpdateIsLostAndResourcesReturn() throws Exception {
		int clients = Integer.getInteger("gathercopy.load.clients", 32);
		int files = Integer.getInteger("gathercopy.load.files", 8);
		int rounds = Integer.getInteger("gathercopy.load.rounds", 200);
		int maxOpenHandles = Math.max(4, clients);
		try (StorageProcess storage = new StorageProcess(this.dir.resolve("storage"),
				"--storage.limits.max-open-handles=" + maxOpenHandles, "--server.tomcat.keep-alive-timeout=2s")
			.start()) {
			HandleProtocol admin = new HandleProtocol(storage.url());
			Map<String, String> firstVersions = new TreeMap<>();
			for (int f = 0; f < files; f++) {
				byte[] content = new byte[SIZE];
				new Random(f).nextBytes(content);
				firstVersions.put(path(f), admin.put(path(f), content).etag());
			}
			Stats warmUp = new Stats();
			new Client(admin, 0, files, 4, warmUp, new Random(-1)).run();
			firstVersions.replaceAll((path, version) -> lastVersion(warmUp, path, version));
			Resources before = Resources.of(storage, admin);

			Stats stats = new Stats();
			AtomicBoolean loading = new AtomicBoolean(true);
			AtomicInteger maxHandles = new AtomicInteger();
			Thread sampler = new Thread(() -> sampleHandles(admin, loading, maxHandles), "handle-sampler");
			sampler.start();
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			long started = System.nanoTime();
			try {
				List<Future<?>> running = new ArrayList<>();
				for (int c = 0; c < clients; c++) {
					Client client = new Client(new HandleProtocol(storage.url()), c, files, rounds, stats,
							new Random(1000 + c));
					running.add(pool.submit(() -> {
						client.run();
						return null;
					}));
				}
				for (Future<?> client : running) {
					client.get(25, TimeUnit.MINUTES);
				}
			}
			finally {
				loading.set(false);
				pool.shutdownNow();
				sampler.join();
			}
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

			assertThat(stats.unexpected).as("answers outside the protocol's rules").isEmpty();
			assertThat(stats.statuses.keySet()).as("statuses seen: %s", stats.statuses).allMatch((s) -> s < 500);
			assertThat(stats.accepted.size() + stats.refusedCommits.get() + stats.refusedOpens.get())
				.isEqualTo(clients * rounds);
			for (String path : firstVersions.keySet()) {
				Reply now = admin.get(path);
				List<CommitChain.Accepted> accepted = stats.accepted.stream()
					.filter((commit) -> commit.path().equals(path))
					.map(Commit::chainLink)
					.toList();
				CommitChain.assertNoLostUpdate(path, firstVersions.get(path), accepted, now.etag(),
						HandleProtocol.sha256(now.body()));
			}
			assertThat(maxHandles.get()).as("open handles sampled during the load").isLessThanOrEqualTo(maxOpenHandles);
			awaitNoOpenHandles(admin);
			Resources after = Resources.settled(storage, admin, before);
			assertThat(after.fileDescriptors).as("fds after the load, %s before", before.fileDescriptors)
				.isLessThanOrEqualTo(before.fileDescriptors + FD_SLACK);
			assertThat(after.fileFds).as("fds on files after the load, %s before", before.fileFds)
				.isLessThanOrEqualTo(before.fileFds + 2);
			assertThat(after.heap).as("heap after a GC, %s before", before.heap)
				.isLessThanOrEqualTo(before.heap + HEAP_SLACK);
			System.out.printf("load: %d clients x %d rounds on %d files in %d s: %d commits accepted, %d refused "
					+ "with 412, %d opens refused with 412, %d answers 429 (retried), statuses %s, no 5xx; "
					+ "open handles at most %d of %d; fds %d -> %d (files %d -> %d); heap after GC %d MiB -> %d MiB%n",
					clients, rounds, files, seconds, stats.accepted.size(), stats.refusedCommits.get(),
					stats.refusedOpens.get(), stats.tooMany.get(), new TreeMap<>(stats.statuses), maxHandles.get(),
					maxOpenHandles, before.fileDescriptors, after.fileDescriptors, before.fileFds, after.fileFds,
					before.heap >> 20, after.heap >> 20);
		}
	}

	private static String path(int file) {
		return "load/file-" + file + ".bin";
	}

	private static String lastVersion(Stats stats, String path, String first) {
		String version = first;
		for (Commit commit : stats.accepted) {
			if (commit.path().equals(path)) {
				version = commit.version();
			}
		}
		return version;
	}

	private static void sampleHandles(HandleProtocol admin, AtomicBoolean loading, AtomicInteger max) {
		while (loading.get()) {
			try {
				max.accumulateAndGet((int) admin.metric("gathercopy_handles_open"), Math::max);
				Thread.sleep(20);
			}
			catch (IOException ex) {
				// a sample lost under load; the next one counts
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static void awaitNoOpenHandles(HandleProtocol admin) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (admin.metric("gathercopy_handles_open") > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(admin.metric("gathercopy_handles_open")).as("handles left open after the load").isZero();
	}

	/** An accepted commit of a path. */
	record Commit(String path, String base, String version, String sha256) {

		CommitChain.Accepted chainLink() {
			return new CommitChain.Accepted(this.base, this.version, this.sha256);
		}

	}

	/** What the clients saw, together. */
	static final class Stats {

		final List<Commit> accepted = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger refusedCommits = new AtomicInteger();

		final AtomicInteger refusedOpens = new AtomicInteger();

		final AtomicInteger tooMany = new AtomicInteger();

		final Map<Integer, Long> statuses = new ConcurrentHashMap<>();

		final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

		Reply seen(String call, Reply reply, int... allowed) {
			this.statuses.merge(reply.status(), 1L, Long::sum);
			for (int status : allowed) {
				if (reply.status() == status) {
					if (!reply.ok() && !reply.isProblem()) {
						this.unexpected.add(call + " answered " + reply.status() + " without a problem body");
					}
					return reply;
				}
			}
			this.unexpected.add(call + " answered " + reply);
			throw new AssertionError(call + " answered " + reply);
		}

	}

	/** One client: each round pushes a new version of one of the files, as long as 429s ask it to come back. */
	private static final class Client {

		private final HandleProtocol api;

		private final int id;

		private final int files;

		private final int rounds;

		private final Stats stats;

		private final Random random;

		private final Map<String, Reply> known = new HashMap<>();

		Client(HandleProtocol api, int id, int files, int rounds, Stats stats, Random random) {
			this.api = api;
			this.id = id;
			this.files = files;
			this.rounds = rounds;
			this.stats = stats;
			this.random = random;
		}

		void run() throws IOException, InterruptedException {
			for (int round = 0; round < this.rounds; round++) {
				String path = path(this.random.nextInt(this.files));
				while (!push(path)) {
					Thread.sleep(1 + this.random.nextInt(20));
				}
			}
		}

		/** One attempt at a round; false when a 429 means it must be tried again. */
		private boolean push(String path) throws IOException, InterruptedException {
			Reply base = this.known.computeIfAbsent(path, this::fetch);
			Revision revision = Revision.of(base.body(), this.random, 8 * 1024);
			Reply read = this.stats.seen("open read", this.api.open(path, "read", base.etag()), 201, 412, 429);
			if (read.status() == 429) {
				this.stats.tooMany.incrementAndGet();
				return false;
			}
			if (read.status() == 412) {
				this.stats.refusedOpens.incrementAndGet();
				this.known.put(path, fetch(path));
				return true;
			}
			String readHandle = (String) read.json().get("handle");
			try {
				Reply write = this.stats.seen("open write", this.api.open(path, "write", null), 201, 429);
				if (write.status() == 429) {
					this.stats.tooMany.incrementAndGet();
					return false;
				}
				String writeHandle = (String) write.json().get("handle");
				for (List<long[]> batch : revision.copyBatches()) {
					this.stats.seen("gather-copy", this.api.gatherCopy(writeHandle, readHandle, batch), 200);
				}
				if (!revision.layout().isEmpty()) {
					this.stats.seen("scatter-write",
							this.api.scatterWrite(writeHandle, revision.layout(), revision.literals()), 200);
				}
				Reply commit = this.stats.seen("commit", this.api.commit(writeHandle, base.etag(),
						revision.content().length, revision.sha256()), 200, 409, 412);
				if (commit.ok()) {
					String version = (String) commit.json().get("version");
					this.stats.accepted.add(new Commit(path, base.etag(), version, revision.sha256()));
					this.known.put(path, new Reply(200, revision.content(), version, null));
				}
				else {
					this.stats.refusedCommits.incrementAndGet();
					this.stats.seen("close write", this.api.close(writeHandle), 204);
					this.known.put(path, fetch(path));
				}
				return true;
			}
			finally {
				this.stats.seen("close read", this.api.close(readHandle), 204);
			}
		}

		private Reply fetch(String path) {
			try {
				return this.stats.seen("get", this.api.get(path), 200);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** The storage process's open file descriptors (all, and those on files) and its heap in use after a full GC. */
	private record Resources(long fileDescriptors, long fileFds, long heap) {

		static Resources of(StorageProcess storage, HandleProtocol admin) throws Exception {
			gc(storage);
			long heap = (long) admin.metric("jvm_memory_used_bytes{area=\"heap\"");
			long open = (long) admin.metric("process_files_open_files");
			return new Resources(open, fileFds(storage), heap);
		}

		/** Measures until the figures are back within the slack of {@code before}, or 30 seconds have passed. */
		static Resources settled(StorageProcess storage, HandleProtocol admin, Resources before) throws Exception {
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			Resources now;
			do {
				now = of(storage, admin);
				if (now.fileDescriptors <= before.fileDescriptors + FD_SLACK && now.fileFds <= before.fileFds + 2
						&& now.heap <= before.heap + HEAP_SLACK) {
					return now;
				}
				Thread.sleep(1000);
			}
			while (System.nanoTime() < deadline);
			return now;
		}

		private static void gc(StorageProcess storage) throws IOException, InterruptedException {
			Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(storage.pid()), "GC.run")
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run").isTrue();
			assertThat(process.exitValue()).as("jcmd GC.run: %s", output).isZero();
		}

		private static long fileFds(StorageProcess storage) throws IOException {
			try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(storage.pid()), "fd"))) {
				return fds.filter((fd) -> {
					try {
						return !Files.readSymbolicLink(fd).toString().startsWith("socket:");
					}
					catch (IOException ex) {
						return false;
					}
				}).count();
			}
		}

	}

}
