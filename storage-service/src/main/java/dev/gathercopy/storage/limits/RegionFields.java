package dev.gathercopy.storage.limits;

import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

/** Checks of the numbers in one entry of a region array; a bad one is a 400 naming the entry and the field. */
public final class RegionFields {

	private RegionFields() {
	}

	/** A present, non-negative offset. */
	public static long offset(Long value, int index, String field) {
		long offset = required(value, index, field);
		if (offset < 0) {
			throw invalid(index, field, "region " + index + " has a negative " + field);
		}
		return offset;
	}

	/** A present, positive length. */
	public static long length(Long value, int index) {
		long length = required(value, index, "length");
		if (length <= 0) {
			throw invalid(index, "length", "region " + index + " has a length that is not positive");
		}
		return length;
	}

	/** The end of a range, refusing an overflow. */
	public static long end(long offset, long length, int index, String field) {
		try {
			return Math.addExact(offset, length);
		}
		catch (ArithmeticException ex) {
			throw invalid(index, field, "region " + index + ": " + field + " + length overflows");
		}
	}

	public static StorageException invalid(int index, String field, String detail) {
		return new StorageException(ProblemKind.INVALID_REGION, detail).with("regionIndex", index)
			.with("field", field);
	}

	private static long required(Long value, int index, String field) {
		if (value == null) {
			throw invalid(index, field, "region " + index + " has no " + field);
		}
		return value;
	}

}
