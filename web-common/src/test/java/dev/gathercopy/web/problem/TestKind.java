package dev.gathercopy.web.problem;

import java.net.URI;

/** Problem kinds of a made-up service whose types lie below {@link #TYPES}. */
enum TestKind implements ProblemKind {

	INVALID_REQUEST("invalid-request", 400, "Invalid request"),
	GONE("gone", 410, "Gone"),
	FULL("full", 507, "Full");

	static final ProblemTypes TYPES = new ProblemTypes("https://example.test/problems/");

	private final String slug;

	private final int status;

	private final String title;

	TestKind(String slug, int status, String title) {
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
