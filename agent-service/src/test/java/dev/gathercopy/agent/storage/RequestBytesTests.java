package dev.gathercopy.agent.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import dev.gathercopy.agent.Remote;
import dev.gathercopy.agent.StorageProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A push's {@code requestBytes} is what a proxy between agent and storage sees the agent send, to the byte. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class RequestBytesTests {

	private static final String API = "/api/v1/working-copies";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final AtomicLong sent = new AtomicLong();

	@TempDir
	static Path dir;

	static StorageProcess storage;

	static ServerSocket proxy;

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) throws Exception {
		storage = new StorageProcess(dir.resolve("storage"), "--storage.limits.max-bytes-per-request=64KB").start();
		proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon(() -> {
			while (!proxy.isClosed()) {
				try {
					Socket client = proxy.accept();
					Socket upstream = new Socket(storage.url().getHost(), storage.url().getPort());
					daemon(() -> pump(upstream, client, new AtomicLong()));
					daemon(() -> pump(client, upstream, sent));
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		registry.add("agent.storage.url", () -> "http://127.0.0.1:" + proxy.getLocalPort());
		registry.add("agent.storage.token", () -> "a-token-of-some-length-0123456789");
		registry.add("agent.workspace", () -> dir.resolve("agent").toString());
	}

	@AfterAll
	static void stop() throws Exception {
		proxy.close();
		storage.close();
	}

	@Test
	void requestBytesAreTheBytesSentOnTheConnection() throws Exception {
		String path = "wire/counted.bin";
		byte[] base = new byte[1_000_000];
		new Random(1).nextBytes(base);
		new Remote(storage.url()).put(path, base);
		String id = (String) this.http.post().uri(API).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("path", path)).exchange().expectBody(JSON).returnResult().getResponseBody().get("id");
		byte[] data = new byte[150_000];
		new Random(2).nextBytes(data);
		patch(id, List.of(Map.of("op", "replace", "offset", 5, "data", Base64.getEncoder().encodeToString(data)),
				Map.of("op", "insert", "offset", 700_000, "data", "aGVsbG8=")));
		assertPushCountsTheWire(id);
		patch(id, List.of(Map.of("op", "delete", "offset", 0, "length", 4096),
				Map.of("op", "copy", "offset", 500_000, "sourceOffset", 0, "length", 4096)));
		assertPushCountsTheWire(id);
	}

	private void assertPushCountsTheWire(String id) throws InterruptedException {
		sent.set(0);
		Map<String, Object> pushed = this.http.post().uri(API + "/" + id + "/push").exchange().expectStatus().isOk()
			.expectBody(JSON).returnResult().getResponseBody();
		long counted = ((Number) pushed.get("requestBytes")).longValue();
		for (int i = 0; i < 50 && sent.get() < counted; i++) {
			Thread.sleep(20);
		}
		Thread.sleep(100);
		assertThat(counted).as("requestBytes").isEqualTo(sent.get());
	}

	private void patch(String id, List<Map<String, Object>> edits) {
		this.http.patch().uri(API + "/" + id + "/content").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("edits", edits)).exchange().expectStatus().isOk();
	}

	private static void pump(Socket from, Socket to, AtomicLong count) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				count.addAndGet(n);
				out.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			// either side closed
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "counting-proxy");
		thread.setDaemon(true);
		thread.start();
	}

}
