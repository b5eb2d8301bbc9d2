package dev.gathercopy.web.problem;

import java.net.URI;

/** Problem kinds of a made-up service whose types lie below {@link #TYPES}. */
record TestKind(URI type, int status, String title) implements ProblemKind {

	static final ProblemTypes TYPES = new ProblemTypes("https://example.test/problems/");

	static final TestKind INVALID_REQUEST = new TestKind(TYPES.of("invalid-request"), 400, "Invalid request");

	static final TestKind GONE = new TestKind(TYPES.of("gone"), 410, "Gone");

	static final TestKind FULL = new TestKind(TYPES.of("full"), 507, "Full");

}
