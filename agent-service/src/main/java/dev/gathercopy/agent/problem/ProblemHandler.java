package dev.gathercopy.agent.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.gathercopy.agent.storage.StorageCallException;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every error into an RFC 9457 problem response with a stable {@code type}, in one place. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(AgentException.class)
	ResponseEntity<ProblemDetail> agent(AgentException ex) {
		ProblemKind kind = ex.kind();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(kind.status()),
				ex.getMessage());
		problem.setType(kind.type());
		problem.setTitle(kind.title());
		ex.properties().forEach(problem::setProperty);
		return problem(problem);
	}

	@ExceptionHandler(StorageCallException.class)
	ResponseEntity<ProblemDetail> storageCall(StorageCallException ex) {
		ProblemKind kind = switch (ex.failure()) {
			case UNAVAILABLE -> ProblemKind.STORAGE_UNAVAILABLE;
			case TIMEOUT -> ProblemKind.STORAGE_TIMEOUT;
			case ERROR -> ProblemKind.STORAGE_ERROR;
		};
		AgentException problem = new AgentException(kind, ex.getMessage());
		if (ex.status() != 0) {
			problem.with("storageStatus", ex.status());
		}
		if (ex.problem().get("type") != null) {
			problem.with("storageType", ex.problem().get("type"));
		}
		return agent(problem);
	}

	/** A query string or body that Tomcat could not decode is the client's fault, not an I/O failure of the agent. */
	@ExceptionHandler({ InvalidParameterException.class, BadRequestException.class })
	ResponseEntity<ProblemDetail> undecodable() {
		return agent(new AgentException(ProblemKind.INVALID_REQUEST,
				"the request's parameters or body could not be decoded"));
	}

	@ExceptionHandler({ IOException.class, UncheckedIOException.class })
	ResponseEntity<ProblemDetail> io(Exception ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof InvalidParameterException || t instanceof BadRequestException) {
				return undecodable();
			}
		}
		if (isDiskFull(cause)) {
			return agent(new AgentException(ProblemKind.WORKSPACE_FULL,
					"the agent workspace is full"));
		}
		log.error("I/O failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"the agent could not complete the request");
		problem.setType(ProblemKind.genericType(500));
		return problem(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		List<Map<String, Object>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.<String, Object>of("field", error.getField(), "message",
					String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		if (!errors.isEmpty()) {
			problem.setProperty("field", errors.get(0).get("field"));
		}
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
				problem.setType(ProblemKind.genericType(statusCode.value()));
			}
			return ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(response.getBody());
		}
		return response;
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static boolean isDiskFull(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			String message = t.getMessage();
			if (message != null && (message.contains("No space left on device")
					|| message.contains("Disk quota exceeded"))) {
				return true;
			}
		}
		return false;
	}

}
