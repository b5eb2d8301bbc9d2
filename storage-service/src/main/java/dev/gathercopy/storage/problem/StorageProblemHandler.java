package dev.gathercopy.storage.problem;

import dev.gathercopy.web.problem.ProblemHandler;
import dev.gathercopy.web.problem.ProblemResponses;

import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Turns every error of the storage API into a problem response of its types, and imports the problem answers of
 * errors that never reach Spring MVC.
 */
@RestControllerAdvice
@Import(ProblemResponses.class)
class StorageProblemHandler extends ProblemHandler {

	StorageProblemHandler() {
		super(ProblemKind.TYPES, ProblemKind.INVALID_REQUEST, ProblemKind.INSUFFICIENT_STORAGE,
				"the storage volume is full; nothing was committed", "the storage could not complete the request");
	}

	/** A body that broke a limit while it was being parsed (a JSON body sent without a length) is that limit's 413. */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
			if (t instanceof StorageException refused) {
				ResponseEntity<ProblemDetail> answer = refused(refused);
				return ResponseEntity.status(answer.getStatusCode())
					.headers(answer.getHeaders())
					.body(answer.getBody());
			}
		}
		return super.handleHttpMessageNotReadable(ex, headers, status, request);
	}

}
