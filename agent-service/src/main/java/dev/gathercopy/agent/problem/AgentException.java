package dev.gathercopy.agent.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refused agent operation: its kind decides the problem response; its properties add the offending details. */
public class AgentException extends RuntimeException {

	private final ProblemKind kind;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public AgentException(ProblemKind kind, String detail) {
		super(detail, null, false, false);
		this.kind = kind;
	}

	public AgentException with(String name, Object value) {
		this.properties.put(name, value);
		return this;
	}

	public ProblemKind kind() {
		return this.kind;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(this.properties);
	}

}
