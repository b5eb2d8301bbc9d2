package dev.gathercopy.agent;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "agent.workspace=target/test-workspace/${random.uuid}")
@AutoConfigureRestTestClient
class AgentApplicationTests {

	@Autowired
	RestTestClient http;

	@TempDir
	Path dir;

	@Test
	void servesSwaggerUiHealthGroupsAndMetrics() {
		this.http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		String docs = new String(this.http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.returnResult().getResponseBody());
		assertThat(docs).contains("/api/v1/working-copies/{id}/push").contains("bearer");
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

	@Test
	void badStorageUrlStopsStartUpNamingIt() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(AgentApplication.class)
			.run("--server.port=0", "--agent.workspace=" + this.dir, "--agent.storage.url=ftp://x")
			.close()).rootCause().hasMessageContaining("agent").hasMessageContaining("url");
	}

}
