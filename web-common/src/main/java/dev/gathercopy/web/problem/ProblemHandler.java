package dev.gathercopy.web.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem response with a stable {@code type}, in one place. A service extends it
 * as its {@code @RestControllerAdvice}, naming its own types and how it reports a bad request, a full volume and any
 * other I/O failure, and imports {@link ProblemResponses}.
 */
public abstract class ProblemHandler extends ResponseEntityExceptionHandler {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final ProblemTypes types;

	private final ProblemKind invalidRequest;

	private final ProblemKind volumeFull;

	private final String volumeFullDetail;

	private final String failureDetail;

	/**
	 * A handler answering undecodable requests with {@code invalidRequest}, I/O failures caused by a full volume with
	 * {@code volumeFull} and {@code volumeFullDetail}, and any other I/O failure with a generic 500 and
	 * {@code failureDetail}.
	 */
	protected ProblemHandler(ProblemTypes types, ProblemKind invalidRequest, ProblemKind volumeFull,
			String volumeFullDetail, String failureDetail) {
		this.types = types;
		this.invalidRequest = invalidRequest;
		this.volumeFull = volumeFull;
		this.volumeFullDetail = volumeFullDetail;
		this.failureDetail = failureDetail;
	}

	ProblemTypes types() {
		return this.types;
	}

	@ExceptionHandler(ProblemException.class)
	protected ResponseEntity<ProblemDetail> refused(ProblemException ex) {
		ProblemKind kind = ex.kind();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(kind.status()),
				ex.getMessage());
		problem.setType(kind.type());
		problem.setTitle(kind.title());
		ex.properties().forEach(problem::setProperty);
		return problem(problem);
	}

	/** A query string or body that Tomcat could not decode is the client's fault, not an I/O failure. */
	@ExceptionHandler({ InvalidParameterException.class, BadRequestException.class })
	ResponseEntity<ProblemDetail> undecodable() {
		return refused(new ProblemException(this.invalidRequest,
				"the request's parameters or body could not be decoded"));
	}

	@ExceptionHandler({ IOException.class, UncheckedIOException.class })
	ResponseEntity<ProblemDetail> io(Exception ex) {
		Throwable cause = (ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : ex;
		if (isUndecodable(ex)) {
			return undecodable();
		}
		if (DiskFull.is(cause)) {
			return refused(new ProblemException(this.volumeFull, this.volumeFullDetail));
		}
		this.log.error("I/O failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, this.failureDetail);
		problem.setType(this.types.generic(500));
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
				problem.setType(this.types.generic(statusCode.value()));
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

	private static boolean isUndecodable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof InvalidParameterException || t instanceof BadRequestException) {
				return true;
			}
		}
		return false;
	}

}
