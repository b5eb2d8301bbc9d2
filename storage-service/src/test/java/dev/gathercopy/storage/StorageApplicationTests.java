package dev.gathercopy.storage;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@StorageTest
class StorageApplicationTests {

	@Autowired
	RestTestClient http;

	@Test
	void servesSwaggerUiAndTheApiDocs() {
		this.http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		String docs = new String(this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.returnResult().getResponseBody());
		assertThat(docs).contains("/api/v1/handles/{handle}/gather-copy").contains("bearer");
	}

	@Test
	void exposesHealthGroupsAndPrometheusMetrics() {
		StorageClient storage = new StorageClient(this.http);
		String path = TestFiles.uniquePath("m.bin");
		storage.put(path, new byte[100]);
		String read = storage.openRead(path);
		String write = storage.openWrite(path);
		storage.gatherCopy(write, read, java.util.List.of(new long[] { 0, 0, 100 })).expectStatus().isOk();
		storage.commitOk(write, null);
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/info").exchange().expectStatus().isOk();
		String metrics = new String(this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody());
		assertThat(metrics).contains("gathercopy_copy_bytes_total")
			.contains("gathercopy_write_bytes_total")
			.contains("gathercopy_copy_regions")
			.contains("gathercopy_copy_duration_seconds")
			.contains("gathercopy_commit_duration_seconds")
			.contains("gathercopy_handles_open");
	}

}
