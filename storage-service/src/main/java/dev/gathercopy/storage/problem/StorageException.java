package dev.gathercopy.storage.problem;

import dev.gathercopy.web.problem.ProblemException;

/** A refused storage operation: its kind decides the problem response; its properties add the offending details. */
public class StorageException extends ProblemException {

	public StorageException(ProblemKind kind, String detail) {
		super(kind, detail);
	}

	@Override
	public StorageException with(String name, Object value) {
		super.with(name, value);
		return this;
	}

}
