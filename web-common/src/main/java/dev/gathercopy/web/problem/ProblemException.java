package dev.gathercopy.web.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refused operation: its kind decides the problem response; its properties add the offending details. */
public class ProblemException extends RuntimeException {

	private final ProblemKind kind;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public ProblemException(ProblemKind kind, String detail) {
		super(detail, null, false, false);
		this.kind = kind;
	}

	public ProblemException with(String name, Object value) {
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
