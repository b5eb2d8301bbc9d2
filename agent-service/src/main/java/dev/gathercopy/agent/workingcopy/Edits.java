package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.util.List;

import dev.gathercopy.agent.plan.EditLog;
import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;

/** Checks a batch of edits against the sizes they will meet, then applies them to an edit log. */
final class Edits {

	private Edits() {
	}

	/** Throws 400 naming the first edit that is malformed or out of range; returns the size after all of them. */
	static long validate(List<Edit> edits, long size) {
		for (int i = 0; i < edits.size(); i++) {
			Edit edit = edits.get(i);
			if (edit == null || edit.op() == null) {
				throw invalid(i, "op", "edit " + i + " has no op (insert, delete or replace)");
			}
			if (edit.offset() == null || edit.offset() < 0) {
				throw invalid(i, "offset", "edit " + i + " needs a non-negative offset");
			}
			long offset = edit.offset();
			switch (edit.op()) {
				case "insert", "replace" -> {
					if (edit.data() == null) {
						throw invalid(i, "data", "edit " + i + " (" + edit.op() + ") needs base64 data");
					}
					if (offset > size) {
						throw outOfRange(i, offset + " is past the end of the file (" + size + " bytes)", size);
					}
					size = edit.op().equals("insert") ? size + edit.data().length
							: Math.max(size, offset + edit.data().length);
				}
				case "delete" -> {
					if (edit.length() == null || edit.length() < 0) {
						throw invalid(i, "length", "edit " + i + " (delete) needs a non-negative length");
					}
					if (offset > size || edit.length() > size - offset) {
						throw outOfRange(i, "deleting " + edit.length() + " bytes at " + offset
								+ " runs past the end of the file (" + size + " bytes)", size);
					}
					size -= edit.length();
				}
				default -> throw invalid(i, "op", "edit " + i + " has an unknown op '" + edit.op()
						+ "' (insert, delete or replace)");
			}
		}
		return size;
	}

	static void apply(List<Edit> edits, EditLog log) throws IOException {
		for (Edit edit : edits) {
			switch (edit.op()) {
				case "insert" -> log.insert(edit.offset(), edit.data());
				case "replace" -> log.replace(edit.offset(), edit.data());
				case "delete" -> log.delete(edit.offset(), edit.length());
				default -> throw new IllegalArgumentException(edit.op());
			}
		}
	}

	/** Whether every edit overwrites bytes inside the file, so the working file can take them in place. */
	static boolean allInPlace(List<Edit> edits, long size) {
		return edits.stream()
			.allMatch((edit) -> edit.op().equals("replace") && edit.offset() + edit.data().length <= size);
	}

	private static AgentException invalid(int index, String field, String detail) {
		return new AgentException(ProblemKind.INVALID_REQUEST, detail).with("editIndex", index).with("field", field);
	}

	private static AgentException outOfRange(int index, String detail, long size) {
		return new AgentException(ProblemKind.EDIT_OUT_OF_RANGE, "edit " + index + ": " + detail)
			.with("editIndex", index)
			.with("size", size);
	}

}
