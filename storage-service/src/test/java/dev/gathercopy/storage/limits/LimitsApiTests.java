package dev.gathercopy.storage.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gathercopy.storage.StorageClient;
import dev.gathercopy.storage.TestFiles;
import dev.gathercopy.storage.file.FileInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.gathercopy.storage.StorageClient.API;
import static dev.gathercopy.storage.StorageClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storage.root=target/test-storage/${random.uuid}", "storage.limits.max-regions-per-request=3",
				"storage.limits.max-bytes-per-request=64KB", "storage.limits.max-file-size=1MB",
				"storage.limits.max-open-handles=4", "storage.handles.ttl=90s" })
@AutoConfigureRestTestClient
class LimitsApiTests {

	@Autowired
	RestTestClient http;

	StorageClient storage;

	@BeforeEach
	void client() {
		this.storage = new StorageClient(this.http);
	}

	@Test
	void limitsEndpointReportsTheConfiguredLimits() {
		Map<String, Object> limits = StorageClient.json(this.http.get().uri(API + "/limits").exchange().expectStatus().isOk());
		assertThat(limits).containsEntry("maxRegionsPerRequest", 3)
			.containsEntry("maxBytesPerRequest", 65536)
			.containsEntry("maxFileSize", 1048576)
			.containsEntry("maxOpenHandles", 4)
			.containsEntry("handleTtlSeconds", 90);
	}

	@Test
	void tooManyRegionsIs413WithTheLimits() {
		withHandles((read, write) -> {
			Map<String, Object> body = problem(this.storage.gatherCopy(write, read,
					List.of(new long[] { 0, 0, 1 }, new long[] { 0, 1, 1 }, new long[] { 0, 2, 1 },
							new long[] { 0, 3, 1 })),
					HttpStatus.CONTENT_TOO_LARGE, "request-too-large");
			assertThat(body).containsEntry("maxRegionsPerRequest", 3)
				.containsEntry("maxBytesPerRequest", 65536)
				.containsEntry("maxFileSize", 1048576);
		});
	}

	@Test
	void tooManyBytesIs413() {
		withHandles((read, write) -> problem(
				this.storage.gatherCopy(write, read, List.of(new long[] { 0, 0, 40_000 }, new long[] { 0, 40_000, 40_000 })),
				HttpStatus.CONTENT_TOO_LARGE, "request-too-large"));
	}

	@Test
	void copyEndingPastMaxFileSizeIs413() {
		withHandles((read, write) -> {
			Map<String, Object> body = problem(
					this.storage.gatherCopy(write, read, List.of(new long[] { 0, 1_048_570, 10 })),
					HttpStatus.CONTENT_TOO_LARGE, "file-too-large");
			assertThat(body).containsEntry("regionIndex", 0);
		});
	}

	@Test
	void dataBodyOverTheByteLimitIs413() {
		withHandles((read, write) -> {
			problem(this.storage.writeData(write, 0, new byte[70_000]), HttpStatus.CONTENT_TOO_LARGE,
					"request-too-large");
			problem(this.storage.writeData(write, 1_048_000, new byte[1000]), HttpStatus.CONTENT_TOO_LARGE,
					"file-too-large");
			assertThat(this.storage.info(write).size()).isZero();
		});
	}

	@Test
	void scatterWriteOverTheLimitsIs413() {
		withHandles((read, write) -> {
			problem(this.storage.scatterWrite(write,
					"[{\"destinationOffset\":0,\"length\":1},{\"destinationOffset\":1,\"length\":1},"
							+ "{\"destinationOffset\":2,\"length\":1},{\"destinationOffset\":3,\"length\":1}]",
					new byte[4]), HttpStatus.CONTENT_TOO_LARGE, "request-too-large");
			problem(this.storage.scatterWrite(write, "[{\"destinationOffset\":0,\"length\":70000}]", new byte[70_000]),
					HttpStatus.CONTENT_TOO_LARGE, "request-too-large");
		});
	}

	@Test
	void jsonBodyOverTheBoundIs413() {
		String huge = "{\"source\":\"x\",\"regions\":[" + "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":1},".repeat(20_000)
				+ "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":1}]}";
		withHandles((read, write) -> problem(this.storage.gatherCopyJson(write, huge), HttpStatus.CONTENT_TOO_LARGE,
				"request-too-large"));
	}

	@Test
	void oneHandleOverTheLimitIs429() {
		String path = TestFiles.uniquePath("h.bin");
		this.storage.put(path, new byte[10]);
		List<String> opened = new ArrayList<>();
		try {
			while (opened.size() < 4) {
				opened.add(this.storage.openRead(path));
			}
			Map<String, Object> body = problem(this.storage.open(path, "read"), HttpStatus.TOO_MANY_REQUESTS,
					"too-many-handles");
			assertThat(body).containsEntry("maxOpenHandles", 4);
			this.storage.close(opened.remove(0)).expectStatus().isNoContent();
			opened.add(this.storage.openRead(path));
		}
		finally {
			opened.forEach((handle) -> this.storage.close(handle));
		}
	}

	@Test
	void committedHandlesFreeTheirSlot() {
		String path = TestFiles.uniquePath("slots.bin");
		for (int i = 0; i < 6; i++) {
			String write = this.storage.openWrite(path);
			this.storage.writeData(write, 0, new byte[] { (byte) i }).expectStatus().isOk();
			this.storage.commitOk(write, null);
		}
		assertThat(this.storage.get(path)).containsExactly(5);
	}

	private void withHandles(HandlePair test) {
		String path = TestFiles.uniquePath("limits.bin");
		FileInfo info = this.storage.put(path, TestFiles.random(50_000, 5));
		assertThat(info.size()).isEqualTo(50_000);
		String read = this.storage.openRead(path);
		String write = this.storage.openWrite(path);
		try {
			test.run(read, write);
		}
		finally {
			this.storage.close(read);
			this.storage.close(write);
		}
	}

	@FunctionalInterface
	interface HandlePair {

		void run(String read, String write);

	}

}
