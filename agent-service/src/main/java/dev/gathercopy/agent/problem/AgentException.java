package dev.gathercopy.agent.problem;

import dev.gathercopy.web.problem.ProblemException;

/** A refused agent operation: its kind decides the problem response; its properties add the offending details. */
public class AgentException extends ProblemException {

	public AgentException(ProblemKind kind, String detail) {
		super(kind, detail);
	}

	@Override
	public AgentException with(String name, Object value) {
		super.with(name, value);
		return this;
	}

}
