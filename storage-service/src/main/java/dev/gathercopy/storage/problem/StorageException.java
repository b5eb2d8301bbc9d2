package dev.gathercopy.storage.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A refused storage operation: its kind decides the problem response; its properties add the offending details. */
public class StorageException extends RuntimeException {

	private final ProblemKind kind;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	public StorageException(ProblemKind kind, String detail) {
		super(detail, null, false, false);
		this.kind = kind;
	}

	public StorageException with(String name, Object value) {
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
