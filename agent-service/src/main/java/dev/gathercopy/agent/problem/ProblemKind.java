package dev.gathercopy.agent.problem;

import java.net.URI;

import dev.gathercopy.web.problem.ProblemTypes;

/** Every kind of error the agent API reports, each with a stable problem {@code type} URI and an HTTP status. */
public enum ProblemKind implements dev.gathercopy.web.problem.ProblemKind {

	INVALID_REQUEST("invalid-request", 400, "Invalid request"),
	INVALID_PATH("invalid-path", 400, "Invalid path"),
	WORKING_FILE_UNUSABLE("working-file-unusable", 409, "Working file is not a regular file"),
	EDIT_OUT_OF_RANGE("edit-out-of-range", 400, "Edit out of range"),
	UNAUTHORIZED("unauthorized", 401, "Missing or invalid bearer token"),
	FORBIDDEN("forbidden", 403, "Outside the token's prefix"),
	WORKING_COPY_NOT_FOUND("working-copy-not-found", 404, "Working copy not found"),
	REMOTE_FILE_NOT_FOUND("remote-file-not-found", 404, "Remote file not found"),
	UNPUSHED_CHANGES("unpushed-changes", 409, "Working copy has unpushed changes"),
	CONFLICT("conflict", 409, "Remote file changed since checkout"),
	RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, "Range not satisfiable"),
	WORKSPACE_FULL("workspace-full", 507, "Agent workspace full"),
	STORAGE_ERROR("storage-error", 502, "Storage answered with an error"),
	STORAGE_UNAVAILABLE("storage-unavailable", 503, "Storage unavailable"),
	STORAGE_TIMEOUT("storage-timeout", 504, "Storage timed out");

	/** Base of every problem type URI. */
	public static final String TYPE_BASE = "https://gathercopy.dev/problems/agent/";

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
