package dev.gathercopy.web.problem;

import java.net.URI;

/** A kind of error a service reports: a stable problem {@code type} URI, an HTTP status and a title. */
public interface ProblemKind {

	URI type();

	int status();

	String title();

}
