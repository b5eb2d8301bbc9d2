package dev.gathercopy.agent.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import dev.gathercopy.agent.AgentApplication;
import dev.gathercopy.agent.StorageProcess;
import dev.gathercopy.agent.TestCertificates;
import dev.gathercopy.agent.config.AgentProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storage serves https from a PEM SSL bundle, the agent serves https from its own, and the agent calls storage trusting
 * only the CA of {@code agent.storage.ssl-bundle}; all with a CA and a server certificate made at test time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TlsTests {

	@TempDir
	static Path dir;

	static TestCertificates certificates;

	static StorageProcess storage;

	@LocalServerPort
	int port;

	@Autowired
	AgentProperties properties;

	@Autowired
	SslBundles sslBundles;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) throws Exception {
		certificates = TestCertificates.create(dir.resolve("certificates"));
		List<String> arguments = new ArrayList<>(List.of("--server.ssl.bundle=server"));
		certificates.serverBundle("server").forEach((property) -> arguments.add("--" + property));
		storage = new StorageProcess(dir.resolve("storage"), arguments.toArray(String[]::new))
			.tls(certificates.trustingContext())
			.start();
		registry.add("agent.workspace", () -> dir.resolve("agent").toString());
		registry.add("agent.storage.url", () -> storage.url().toString());
		registry.add("agent.storage.ssl-bundle", () -> "storage-ca");
		registry.add("spring.ssl.bundle.pem.storage-ca.truststore.certificate",
				() -> "file:" + certificates.caCertificate());
		registry.add("server.ssl.bundle", () -> "agent");
		for (String property : certificates.serverBundle("agent")) {
			registry.add(property.substring(0, property.indexOf('=')), () -> property.substring(property.indexOf('=') + 1));
		}
	}

	@AfterAll
	static void stop() throws InterruptedException {
		storage.close();
	}

	@Test
	void aPushReachesStorageOverHttpsTrustingTheConfiguredCa() throws Exception {
		HttpClient client = client(certificates.trustingContext());
		URI agent = URI.create("https://127.0.0.1:" + this.port + "/api/v1/working-copies");
		HttpResponse<String> checkout = client.send(HttpRequest.newBuilder(agent)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"tls/a.txt\",\"create\":true}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
		String id = JsonMapper.builder().build().readTree(checkout.body()).get("id").asString();
		HttpResponse<String> edit = client.send(HttpRequest.newBuilder(agent.resolve("working-copies/" + id + "/content"))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(
					"{\"edits\":[{\"op\":\"insert\",\"offset\":0,\"data\":\"b3ZlciB0bHM=\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
		HttpResponse<String> push = client.send(HttpRequest.newBuilder(agent.resolve("working-copies/" + id + "/push"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(push.statusCode()).as(push.body()).isEqualTo(200);
		HttpResponse<String> stored = client.send(HttpRequest.newBuilder(storage.url().resolve("/api/v1/files/tls/a.txt"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stored.body()).isEqualTo("over tls");
	}

	@Test
	void clientsThatDoNotTrustTheCaAreRefused() {
		HttpClient untrusting = client(null);
		for (URI server : List.of(storage.url().resolve("/api/v1/limits"),
				URI.create("https://127.0.0.1:" + this.port + "/api/v1/working-copies"))) {
			assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(server).build(),
					HttpResponse.BodyHandlers.ofString())).as(server.toString()).isInstanceOf(SSLHandshakeException.class);
		}
		AgentProperties.Storage withoutBundle = new AgentProperties.Storage(storage.url(), null, Duration.ofSeconds(5),
				Duration.ofSeconds(10), null);
		StorageClient defaultTrust = new StorageClient(new AgentProperties(this.properties.workspace(), withoutBundle,
				this.properties.push(), this.properties.auth()), RestClient.builder(), JsonMapper.builder().build(),
				this.sslBundles);
		assertThatThrownBy(defaultTrust::limits).isInstanceOfSatisfying(StorageCallException.class,
				(ex) -> assertThat(ex.failure()).isEqualTo(StorageCallException.Failure.UNAVAILABLE))
			.hasStackTraceContaining(SSLHandshakeException.class.getName());
		StorageClient trusting = new StorageClient(this.properties, RestClient.builder(), JsonMapper.builder().build(),
				this.sslBundles);
		assertThat(trusting.limits()).isNotNull();
	}

	@Test
	void anSslBundleForAnHttpStorageStopsStartUp() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(AgentApplication.class).run("--server.port=0",
				"--agent.workspace=" + dir.resolve("refused"), "--agent.storage.url=http://127.0.0.1:1",
				"--agent.storage.ssl-bundle=storage-ca",
				"--spring.ssl.bundle.pem.storage-ca.truststore.certificate=file:" + certificates.caCertificate())
			.close()).rootCause().hasMessageContaining("agent");
	}

	private static HttpClient client(SSLContext trust) {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
		if (trust != null) {
			builder.sslContext(trust);
		}
		return builder.build();
	}

}
