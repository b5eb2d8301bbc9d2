package dev.gathercopy.storage.problem;

import java.net.URI;

import dev.gathercopy.web.problem.ProblemTypes;

/** Every kind of error the storage API reports, each with a stable problem {@code type} URI and an HTTP status. */
public enum ProblemKind implements dev.gathercopy.web.problem.ProblemKind {

	INVALID_PATH("invalid-path", 400, "Invalid path"),
	INVALID_REQUEST("invalid-request", 400, "Invalid request"),
	INVALID_REGION("invalid-region", 400, "Invalid region"),
	LAYOUT_MISMATCH("layout-mismatch", 400, "Layout does not match data"),
	UNAUTHORIZED("unauthorized", 401, "Missing or invalid bearer token"),
	FORBIDDEN("forbidden", 403, "Outside the token's prefix"),
	READ_ONLY_HANDLE("read-only-handle", 403, "Handle is read-only"),
	FILE_NOT_FOUND("file-not-found", 404, "File not found"),
	HANDLE_NOT_FOUND("handle-not-found", 404, "Handle not found"),
	HANDLE_EXPIRED("handle-expired", 410, "Handle expired"),
	PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
	VERSION_GONE("version-gone", 412, "Pinned version is gone"),
	REQUEST_TOO_LARGE("request-too-large", 413, "Request over the limits"),
	FILE_TOO_LARGE("file-too-large", 413, "File would exceed the maximum size"),
	SOURCE_RANGE_NOT_SATISFIABLE("source-range-not-satisfiable", 416, "Source range past the source's end"),
	RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable"),
	VERIFICATION_FAILED("verification-failed", 422, "Staged file differs from the expected content"),
	TOO_MANY_HANDLES("too-many-handles", 429, "Too many open handles"),
	INSUFFICIENT_STORAGE("insufficient-storage", 507, "Insufficient storage");

	/** Base of every problem type URI. */
	public static final String TYPE_BASE = "https://gathercopy.dev/problems/";

	/** Every problem type URI of the API, the generic ones included. */
	public static final ProblemTypes TYPES = new ProblemTypes(TYPE_BASE);

	private final String slug;

	private final int status;

	private final String title;

	ProblemKind(String slug, int status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	@Override
	public URI type() {
		return TYPES.of(this.slug);
	}

	@Override
	public int status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

}
