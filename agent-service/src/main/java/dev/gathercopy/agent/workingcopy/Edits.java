package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.gathercopy.agent.plan.EditLog;
import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;

/** Checks a batch of edits against the sizes they will meet, then applies them to an edit log. */
final class Edits {

	private static final int COPY_CHUNK = 4 << 20;

	private Edits() {
	}

	/**
	 * Throws 400 naming the first edit that is malformed or out of range, against a file of {@code size} bytes over a
	 * base of {@code baseSize}; returns the size after all of them.
	 */
	static long validate(List<Edit> edits, long size, long baseSize) {
		for (int i = 0; i < edits.size(); i++) {
			Edit edit = edits.get(i);
			if (edit == null || edit.op() == null) {
				throw invalid(i, "op", "edit " + i + " has no op (insert, delete, replace or copy)");
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
				case "copy" -> {
					if (edit.sourceOffset() == null || edit.sourceOffset() < 0) {
						throw invalid(i, "sourceOffset", "edit " + i + " (copy) needs a non-negative sourceOffset");
					}
					if (edit.length() == null || edit.length() < 0) {
						throw invalid(i, "length", "edit " + i + " (copy) needs a non-negative length");
					}
					if (offset > size) {
						throw outOfRange(i, offset + " is past the end of the file (" + size + " bytes)", size);
					}
					if (edit.sourceOffset() > baseSize || edit.length() > baseSize - edit.sourceOffset()) {
						throw outOfRange(i, "copying " + edit.length() + " bytes from " + edit.sourceOffset()
								+ " runs past the end of the base (" + baseSize + " bytes)", size)
							.with("field", "sourceOffset")
							.with("baseSize", baseSize);
					}
					size += edit.length();
				}
				default -> throw invalid(i, "op", "edit " + i + " has an unknown op '" + edit.op()
						+ "' (insert, delete, replace or copy)");
			}
		}
		return size;
	}

	/** Applies validated edits to the edit log over the base, where a copy is a piece of the base. */
	static void apply(List<Edit> edits, EditLog log) throws IOException {
		apply(edits, log, null);
	}

	/**
	 * Applies validated edits to an edit log over another file than the base: a copy inserts the bytes read from
	 * {@code base}.
	 */
	static void apply(List<Edit> edits, EditLog log, Path base) throws IOException {
		for (Edit edit : edits) {
			switch (edit.op()) {
				case "insert" -> log.insert(edit.offset(), edit.data());
				case "replace" -> log.replace(edit.offset(), edit.data());
				case "delete" -> log.delete(edit.offset(), edit.length());
				case "copy" -> {
					if (base == null) {
						log.copy(edit.offset(), edit.sourceOffset(), edit.length());
					}
					else {
						insertFrom(base, edit, log);
					}
				}
				default -> throw new IllegalArgumentException(edit.op());
			}
		}
	}

	private static void insertFrom(Path base, Edit edit, EditLog log) throws IOException {
		try (FileChannel channel = FileChannel.open(base, StandardOpenOption.READ)) {
			for (long done = 0; done < edit.length(); ) {
				ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(COPY_CHUNK, edit.length() - done));
				while (bytes.hasRemaining()) {
					if (channel.read(bytes, edit.sourceOffset() + done + bytes.position()) < 0) {
						throw new IOException("the base ended at " + (edit.sourceOffset() + done + bytes.position()));
					}
				}
				log.insert(edit.offset() + done, bytes.array());
				done += bytes.capacity();
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
