package dev.gathercopy.web.problem;

import java.net.URI;
import java.util.Map;

/** A service's problem type URIs, all below one base such as {@code https://gathercopy.dev/problems/}. */
public record ProblemTypes(String base) {

	private static final Map<Integer, String> GENERIC_SLUGS = Map.of(400, "invalid-request", 401, "unauthorized", 403,
			"forbidden", 404, "not-found", 405, "method-not-allowed", 406, "not-acceptable", 413, "request-too-large",
			415, "unsupported-media-type", 500, "internal-error", 503, "unavailable");

	/** The type named by slug. */
	public URI of(String slug) {
		return URI.create(this.base + slug);
	}

	/** The type of an error that the API does not name itself (framework and server errors), from its status. */
	public URI generic(int status) {
		return of(GENERIC_SLUGS.getOrDefault(status, "http-" + status));
	}

}
