package dev.gathercopy.agent.auth;

import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;

/** Who makes a request: the name of the token it carries and the path prefix its working copies may have. */
public record Caller(String name, String prefix) {

	/** The caller when no tokens are configured: may touch everything. */
	public static final Caller ANONYMOUS = new Caller("anonymous", "");

	public boolean mayAccess(String path) {
		return path.startsWith(this.prefix);
	}

	/** Throws 403 unless the path lies within the caller's prefix. */
	public void checkAccess(String path) {
		if (!mayAccess(path)) {
			throw new AgentException(ProblemKind.FORBIDDEN, "this token may only touch paths starting with '"
					+ this.prefix + "'").with("path", path);
		}
	}

}
