package dev.gathercopy.storage.handle;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.TestFiles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read handles opened while uploads replace the file: every open must find the file, although each replacement lands
 * a new inode while other handles are linking the old one (found by the load test: an open then answered 404).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "storage.root=target/test-storage/${random.uuid}")
@AutoConfigureRestTestClient
class PinRaceTests {

	private static final int ROUNDS = 200;

	@Autowired
	RestTestClient http;

	@Test
	void readHandlesOpenWhileTheFileIsReplaced() throws Exception {
		StorageClient storage = new StorageClient(this.http);
		String path = TestFiles.uniquePath("race.bin");
		storage.put(path, new byte[] { 0 });
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			Future<?> uploads = threads.submit(() -> {
				for (int round = 0; round < ROUNDS; round++) {
					storage.put(path, new byte[] { (byte) round });
				}
			});
			List<Future<?>> openers = List.of(threads.submit(() -> openAndClose(storage, path)),
					threads.submit(() -> openAndClose(storage, path)),
					threads.submit(() -> openAndClose(storage, path)));
			uploads.get();
			for (Future<?> opener : openers) {
				opener.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(storage.get(path)).hasSize(1);
	}

	private static void openAndClose(StorageClient storage, String path) {
		for (int round = 0; round < ROUNDS; round++) {
			storage.close(storage.openRead(path)).expectStatus().isNoContent();
		}
	}

}
