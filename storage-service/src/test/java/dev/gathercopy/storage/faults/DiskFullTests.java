package dev.gathercopy.storage.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.gathercopy.storage.StorageApplication;
import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.FileInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The storage root on an 8 MiB tmpfs that requests overflow: each gets 507 with a problem body, the file it would have
 * replaced stays as it was, and the space the failed request took is given back. Needs root to mount the tmpfs and is
 * skipped otherwise.
 */
class DiskFullTests {

	private static final int MIB = 1 << 20;

	/** Room a failed request may keep: the handle state file and filesystem bookkeeping, never a staged megabyte. */
	private static final long SLACK = 64 * 1024;

	@TempDir
	static Path dir;

	static Path volume;

	static boolean mounted;

	static ConfigurableApplicationContext app;

	static StorageClient storage;

	@BeforeAll
	static void mountAndStart() throws Exception {
		assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
				"disk-full tests need Linux to mount a tmpfs");
		String user = System.getProperty("user.name");
		assumeTrue("root".equals(user), "disk-full tests need root to mount a small tmpfs; skipped for user " + user);
		volume = Files.createDirectory(dir.resolve("volume"));
		String output = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", volume.toString());
		assumeTrue(output == null, "could not mount a tmpfs (needs CAP_SYS_ADMIN): " + output);
		mounted = true;
		app = new SpringApplicationBuilder(StorageApplication.class).run("--server.port=0",
				"--storage.root=" + volume.resolve("root"), "--spring.main.banner-mode=off");
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		storage = new StorageClient(RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build());
	}

	@AfterAll
	static void stopAndUnmount() throws Exception {
		try {
			if (app != null) {
				app.close();
			}
		}
		finally {
			if (mounted) {
				String output = run("umount", volume.toString());
				if (output != null) {
					run("umount", "-l", volume.toString());
				}
			}
		}
	}

	@AfterEach
	void removeFiller() throws IOException {
		if (volume != null) {
			Files.deleteIfExists(volume.resolve("filler"));
		}
	}

	@Test
	void putLargerThanTheVolumeIs507AndLeavesTheOldFile() throws Exception {
		String path = TestFiles.uniquePath("put.bin");
		byte[] old = TestFiles.random(MIB, 1);
		storage.put(path, old);
		long free = free();
		problem(storage.http().put().uri(StorageClient.API + "/files/" + path).body(new byte[9 * MIB]).exchange(),
				HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage");
		assertThat(storage.get(path)).isEqualTo(old);
		assertThat(internal("uploads")).isEmpty();
		assertThat(free()).isGreaterThanOrEqualTo(free - SLACK);
	}

	@Test
	void gatherCopyThatOverflowsIs507AndGivesItsSpaceBack() throws Exception {
		String path = TestFiles.uniquePath("copy.bin");
		byte[] old = TestFiles.random(MIB, 2);
		FileInfo original = storage.put(path, old);
		String read = storage.openRead(path);
		String write = storage.openWrite(path);
		long free = free();
		List<long[]> regions = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			regions.add(new long[] { 0, (long) i * MIB, MIB });
		}
		problem(storage.gatherCopy(write, read, regions), HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage");
		assertThat(storage.info(write).size()).isZero();
		assertThat(free()).isGreaterThanOrEqualTo(free - SLACK);
		assertThat(storage.get(path)).isEqualTo(old);
		storage.gatherCopy(write, read, List.of(new long[] { 0, 0, MIB })).expectStatus().isOk();
		storage.commitOk(write, original.version());
		storage.close(read);
		assertThat(storage.get(path)).isEqualTo(old);
	}

	@Test
	void scatterWriteThatOverflowsIs507AndGivesItsSpaceBack() throws Exception {
		String path = TestFiles.uniquePath("scatter.bin");
		byte[] old = TestFiles.random(MIB, 3);
		storage.put(path, old);
		String write = storage.openWrite(path);
		long free = free();
		int length = (int) (free * 3 / 4);
		problem(storage.scatterWrite(write, "[{\"destinationOffset\":0,\"length\":" + length + "}]", new byte[length]),
				HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage");
		assertThat(storage.info(write).size()).isZero();
		assertThat(free()).isGreaterThanOrEqualTo(free - SLACK);
		assertThat(storage.get(path)).isEqualTo(old);
		storage.close(write);
	}

	@Test
	void dataWriteThatOverflowsIs507AndGivesItsSpaceBack() throws Exception {
		String path = TestFiles.uniquePath("data.bin");
		byte[] old = TestFiles.random(MIB, 4);
		storage.put(path, old);
		String write = storage.openWrite(path);
		storage.writeData(write, 0, new byte[1000]).expectStatus().isOk();
		long free = free();
		problem(storage.writeData(write, 1000, new byte[9 * MIB]), HttpStatus.INSUFFICIENT_STORAGE,
				"insufficient-storage");
		assertThat(storage.info(write).size()).isEqualTo(1000);
		assertThat(free()).isGreaterThanOrEqualTo(free - SLACK);
		assertThat(storage.get(path)).isEqualTo(old);
		storage.close(write);
	}

	@Test
	void commitOnAFullVolumeIs507LeavesTheOldFileAndLandsOnceThereIsRoom() throws Exception {
		String path = TestFiles.uniquePath("commit.bin");
		byte[] old = TestFiles.random(MIB, 5);
		FileInfo original = storage.put(path, old);
		String write = storage.openWrite(path);
		byte[] next = "the next version".getBytes(StandardCharsets.UTF_8);
		storage.writeData(write, 0, next).expectStatus().isOk();
		fill();
		problem(storage.commit(write, original.version()), HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage");
		assertThat(storage.get(path)).isEqualTo(old);
		assertThat(listedNames(path)).containsExactly(path);
		removeFiller();
		storage.commitOk(write, original.version());
		assertThat(storage.get(path)).isEqualTo(next);
	}

	@Test
	void openOnAFullVolumeIs507AndLeavesNoHandleBehind() throws Exception {
		String path = TestFiles.uniquePath("open.bin");
		storage.put(path, TestFiles.random(1000, 6));
		List<Path> before = internal("handles");
		fill();
		problem(storage.open(path, "write"), HttpStatus.INSUFFICIENT_STORAGE, "insufficient-storage");
		assertThat(internal("handles")).containsExactlyInAnyOrderElementsOf(before);
	}

	private static void fill() throws IOException {
		byte[] chunk = new byte[256 * 1024];
		Arrays.fill(chunk, (byte) 7);
		try (OutputStream out = Files.newOutputStream(volume.resolve("filler"))) {
			while (true) {
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			if (free() > 0) {
				throw ex;
			}
		}
	}

	private static long free() throws IOException {
		return Files.getFileStore(volume).getUsableSpace();
	}

	private static List<Path> internal(String name) throws IOException {
		try (Stream<Path> entries = Files.list(volume.resolve("root").resolve(".gathercopy").resolve(name))) {
			return entries.toList();
		}
	}

	@SuppressWarnings("unchecked")
	private static List<String> listedNames(String path) {
		String folder = path.substring(0, path.indexOf('/') + 1);
		List<java.util.Map<String, Object>> files = (List<java.util.Map<String, Object>>) StorageClient
			.json(storage.http().get().uri(StorageClient.API + "/files?prefix=" + folder).exchange())
			.get("files");
		return files.stream().map((file) -> (String) file.get("path")).toList();
	}

	/** Runs a command; null when it succeeded, else what it printed. */
	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return "timed out: " + String.join(" ", command);
		}
		return (process.exitValue() == 0) ? null : output.strip() + " (exit " + process.exitValue() + ")";
	}

}
