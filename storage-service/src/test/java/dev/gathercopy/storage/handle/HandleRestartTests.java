package dev.gathercopy.storage.handle;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.gathercopy.storage.StorageApplication;
import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.FileInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Handles live on disk: they outlive a restart and any instance on the same root serves them. */
class HandleRestartTests {

	@TempDir
	Path root;

	@Test
	void handlesSurviveARestartBetweenOpenAndCommit() {
		byte[] base = TestFiles.random(300_000, 41);
		String path = "restart/file.bin";
		String read;
		String write;
		FileInfo original;
		try (ConfigurableApplicationContext first = start()) {
			StorageClient storage = client(first);
			original = storage.put(path, base);
			read = storage.openRead(path);
			write = storage.openWrite(path);
			storage.gatherCopy(write, read, List.of(new long[] { 0, 0, 150_000 })).expectStatus().isOk();
		}
		try (ConfigurableApplicationContext second = start()) {
			StorageClient storage = client(second);
			assertThat(storage.info(write).size()).isEqualTo(150_000);
			storage.writeData(write, 150_000, new byte[] { 1, 2, 3 }).expectStatus().isOk();
			storage.commitOk(write, original.version());
			byte[] expected = Arrays.copyOf(Arrays.copyOf(base, 150_000), 150_003);
			expected[150_000] = 1;
			expected[150_001] = 2;
			expected[150_002] = 3;
			assertThat(storage.get(path)).isEqualTo(expected);
		}
	}

	@Test
	void twoInstancesOnOneRootServeTheSameHandles() {
		byte[] base = TestFiles.random(100_000, 42);
		String path = "shared/file.bin";
		try (ConfigurableApplicationContext a = start(); ConfigurableApplicationContext b = start()) {
			StorageClient onA = client(a);
			StorageClient onB = client(b);
			FileInfo original = onA.put(path, base);
			String read = onB.openRead(path);
			String write = onA.openWrite(path);
			onB.gatherCopy(write, read, List.of(new long[] { 50_000, 0, 50_000 })).expectStatus().isOk();
			onA.gatherCopy(write, read, List.of(new long[] { 0, 50_000, 50_000 })).expectStatus().isOk();
			FileInfo landed = onB.commitOk(write, original.version());
			assertThat(onA.commitOk(write, original.version())).isEqualTo(landed);
			byte[] expected = new byte[100_000];
			System.arraycopy(base, 50_000, expected, 0, 50_000);
			System.arraycopy(base, 0, expected, 50_000, 50_000);
			assertThat(onA.get(path)).isEqualTo(expected);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(StorageApplication.class)
			.run("--server.port=0", "--storage.root=" + this.root, "--spring.main.banner-mode=off");
	}

	private static StorageClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new StorageClient(RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build());
	}

}
