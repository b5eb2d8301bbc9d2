package dev.gathercopy.storage.limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.boot.test.web.server.LocalServerPort;
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

	@LocalServerPort
	int port;

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

	@Test
	void chunkedDataBodyOverTheByteLimitIs413() {
		withHandles((read, write) -> {
			HttpResponse<String> response = chunked("PUT", API + "/handles/" + write + "/data?offset=0",
					"application/octet-stream", new byte[70_000]);
			assertProblem(response, 413, "request-too-large");
			assertThat(this.storage.info(write).size()).isZero();
		});
	}

	@Test
	void chunkedJsonBodyOverTheBoundIs413() {
		String huge = "{\"source\":\"x\",\"regions\":["
				+ "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":1},".repeat(20_000)
				+ "{\"sourceOffset\":0,\"destinationOffset\":0,\"length\":1}]}";
		withHandles((read, write) -> assertProblem(chunked("POST", API + "/handles/" + write + "/gather-copy",
				"application/json", huge.getBytes(StandardCharsets.UTF_8)), 413, "request-too-large"));
	}

	@Test
	void putPastTheMaximumFileSizeIs413WithOrWithoutALength() {
		String path = TestFiles.uniquePath("big.bin");
		this.storage.put(path, new byte[] { 1 });
		problem(this.http.put().uri(API + "/files/" + path).body(new byte[1_100_000]).exchange(),
				HttpStatus.CONTENT_TOO_LARGE, "file-too-large");
		assertProblem(chunked("PUT", API + "/files/" + path, "application/octet-stream", new byte[1_100_000]), 413,
				"file-too-large");
		assertThat(this.storage.get(path)).containsExactly(1);
	}

	@Test
	void declaredLengthPastTheMaximumFileSizeIs413BeforeTheBodyIsSent() throws IOException {
		String path = TestFiles.uniquePath("declared.bin");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + API + "/files/" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/octet-stream\r\nContent-Length: 2000000000\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String head = readHead(socket.getInputStream());
			assertThat(head).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json");
		}
		this.http.get().uri(API + "/files/" + path).exchange().expectStatus().isNotFound();
	}

	@Test
	void layoutPartOverTheBoundIs413() {
		String layout = "[" + "{\"destinationOffset\":0,\"length\":1},".repeat(5_000)
				+ "{\"destinationOffset\":0,\"length\":1}]";
		withHandles((read, write) -> problem(this.storage.scatterWrite(write, layout, new byte[1]),
				HttpStatus.CONTENT_TOO_LARGE, "request-too-large"));
	}

	private HttpResponse<String> chunked(String method, String uri, String contentType, byte[] body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + uri))
			.header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		try {
			return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request,
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String slug) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://gathercopy.dev/problems/" + slug + "\"");
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0) {
			head.append((char) b);
			if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
				break;
			}
		}
		return head.toString();
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
