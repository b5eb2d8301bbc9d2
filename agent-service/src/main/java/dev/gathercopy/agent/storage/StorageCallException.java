package dev.gathercopy.agent.storage;

import java.util.Map;

/** A storage call that did not succeed: storage was unreachable, too slow, or answered with an error status. */
public class StorageCallException extends RuntimeException {

	/** How the call failed. */
	public enum Failure {

		/** Storage could not be reached or the connection broke. */
		UNAVAILABLE,

		/** Storage did not answer in time; the request may or may not have taken effect. */
		TIMEOUT,

		/** Storage answered with an error status and (usually) a problem body. */
		ERROR

	}

	private final Failure failure;

	private final int status;

	private final Map<String, Object> problem;

	StorageCallException(Failure failure, int status, Map<String, Object> problem, String message, Throwable cause) {
		super(message, cause);
		this.failure = failure;
		this.status = status;
		this.problem = (problem != null) ? problem : Map.of();
	}

	public Failure failure() {
		return this.failure;
	}

	/** The HTTP status storage answered, or 0 when it answered nothing. */
	public int status() {
		return this.status;
	}

	public Map<String, Object> problem() {
		return this.problem;
	}

	/** Whether the request may have taken effect on storage without its answer arriving. */
	public boolean outcomeUnknown() {
		return this.failure != Failure.ERROR;
	}

	public boolean isStatus(int status) {
		return this.failure == Failure.ERROR && this.status == status;
	}

}
