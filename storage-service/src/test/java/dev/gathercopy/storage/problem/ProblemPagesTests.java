package dev.gathercopy.storage.problem;

import java.util.List;

import dev.gathercopy.storage.StorageTest;
import dev.gathercopy.storage.hostile.RawHttp;
import dev.gathercopy.storage.hostile.RawHttp.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that Tomcat refuses itself, and errors that reach Boot's error page, are answered as problems too. */
@StorageTest
class ProblemPagesTests {

	@LocalServerPort
	int port;

	@Test
	void requestsTomcatRefusesAreAnsweredAsProblemsNotHtml() throws Exception {
		RawHttp http = new RawHttp(this.port);
		List<byte[]> refused = List.of(RawHttp.request("GET", "/api/v1/files/a%5cb", List.of(), null),
				RawHttp.request("GET", "/api/v1/files/a%00b", List.of(), null),
				RawHttp.request("GET", "/api/v1/files/a/%c0%ae%c0%ae/b", List.of(), null),
				RawHttp.request("GET", "/api/v1/files/a%zz", List.of(), null),
				RawHttp.request("GET", "/api/v1/files/a b", List.of(), null),
				RawHttp.request("GET", "/api/v1/limits", List.of("Bad Header"), null),
				RawHttp.request("GET", "/api/v1/limits", List.of("X-A: a\u0001b"), null),
				RawHttp.request("GET", "/api/v1/limits", List.of("X-Big: " + "a".repeat(20_000)), null),
				RawHttp.request("PUT", "/api/v1/files/x", List.of("Content-Length: 1x"), new byte[1]));
		for (byte[] request : refused) {
			Answer answer = http.send(request);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
			assertThat(answer.problemType()).as(answer.toString())
				.isEqualTo("https://gathercopy.dev/problems/invalid-request");
			assertThat(answer.text()).doesNotContain("<html");
		}
	}

	@Test
	void protocolErrorsKeepTheirStatusAndAreProblemsToo() throws Exception {
		RawHttp http = new RawHttp(this.port);
		Answer coding = http.send(RawHttp.request("GET", "/api/v1/limits", List.of("Transfer-Encoding: gzip"), null));
		assertThat(coding.status()).isEqualTo(501);
		assertThat(coding.problemType()).isEqualTo("https://gathercopy.dev/problems/http-501");
		Answer version = http.send("GET /api/v1/limits HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
		assertThat(version.status()).isEqualTo(505);
		assertThat(version.problemType()).isEqualTo("https://gathercopy.dev/problems/http-505");
	}

	@Test
	void frameworkErrorsCarryAStableType() throws Exception {
		RawHttp http = new RawHttp(this.port);
		Answer method = http.send(RawHttp.request("PATCH", "/api/v1/limits", List.of(), null));
		assertThat(method.status()).isEqualTo(405);
		assertThat(method.problemType()).isEqualTo("https://gathercopy.dev/problems/method-not-allowed");
		Answer missing = http.send(RawHttp.request("GET", "/nope", List.of("Accept: text/html"), null));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.problemType()).isEqualTo("https://gathercopy.dev/problems/not-found");
	}

	@Test
	void theErrorPageAnswersProblemsWhateverTheRequestAccepts() throws Exception {
		Answer direct = new RawHttp(this.port).send(RawHttp.request("GET", "/error", List.of("Accept: text/html"), null));
		assertThat(direct.status()).isEqualTo(404);
		assertThat(direct.problemType()).isEqualTo("https://gathercopy.dev/problems/not-found");
	}

}
