package dev.gathercopy.agent.problem;

import dev.gathercopy.agent.storage.StorageCallException;
import dev.gathercopy.web.problem.ProblemHandler;
import dev.gathercopy.web.problem.ProblemResponses;

import org.springframework.context.annotation.Import;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every error of the agent API into a problem response of its types, failed storage calls included, and
 * imports the problem answers of errors that never reach Spring MVC.
 */
@RestControllerAdvice
@Import(ProblemResponses.class)
class AgentProblemHandler extends ProblemHandler {

	AgentProblemHandler() {
		super(ProblemKind.TYPES, ProblemKind.INVALID_REQUEST, ProblemKind.WORKSPACE_FULL, "the agent workspace is full",
				"the agent could not complete the request");
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
		return refused(problem);
	}

}
