package dev.gathercopy.web.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import org.apache.coyote.BadRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal answers its kind's problem; I/O failures answer a bad request, a full volume, or a generic 500. */
class ProblemHandlerTests {

	private final ProblemHandler handler = new ProblemHandler(TestKind.TYPES, TestKind.INVALID_REQUEST, TestKind.FULL,
			"the volume is full", "the service could not complete the request") {
	};

	@Test
	void aRefusalAnswersItsKindWithItsProperties() {
		ResponseEntity<ProblemDetail> answer = this.handler
			.refused(new ProblemException(TestKind.GONE, "it went away").with("id", "h1"));
		assertThat(answer.getStatusCode().value()).isEqualTo(410);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		ProblemDetail problem = answer.getBody();
		assertThat(problem.getType()).isEqualTo(URI.create("https://example.test/problems/gone"));
		assertThat(problem.getTitle()).isEqualTo("Gone");
		assertThat(problem.getDetail()).isEqualTo("it went away");
		assertThat(problem.getProperties()).containsEntry("id", "h1");
	}

	@Test
	void anUndecodableRequestIsTheClientsFault() {
		ResponseEntity<ProblemDetail> answer = this.handler.io(new IOException(new BadRequestException("bad")));
		assertThat(answer.getBody().getType()).isEqualTo(URI.create("https://example.test/problems/invalid-request"));
		assertThat(answer.getBody().getStatus()).isEqualTo(400);
	}

	@Test
	void aFullVolumeAnswersTheServicesKind() {
		ResponseEntity<ProblemDetail> answer = this.handler
			.io(new UncheckedIOException(new IOException("No space left on device")));
		assertThat(answer.getStatusCode().value()).isEqualTo(507);
		assertThat(answer.getBody().getType()).isEqualTo(URI.create("https://example.test/problems/full"));
		assertThat(answer.getBody().getDetail()).isEqualTo("the volume is full");
	}

	@Test
	void anyOtherIoFailureIsAGeneric500() {
		ResponseEntity<ProblemDetail> answer = this.handler.io(new IOException("Input/output error"));
		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(answer.getBody().getType()).isEqualTo(URI.create("https://example.test/problems/internal-error"));
		assertThat(answer.getBody().getDetail()).isEqualTo("the service could not complete the request");
	}

}
