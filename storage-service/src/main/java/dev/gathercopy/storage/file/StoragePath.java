package dev.gathercopy.storage.file;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import dev.gathercopy.storage.problem.ProblemKind;
import dev.gathercopy.storage.problem.StorageException;

/**
 * A validated file path relative to the storage root: {@code /}-separated segments, none of them empty, {@code .} or
 * {@code ..}, not even in a look-alike form (fullwidth dots or solidus, which Unicode compatibility normalization folds
 * into the ASCII ones), and the first not the service's own folder.
 */
public record StoragePath(String value) {

	/** The first segment reserved for the service's own state (staged files, handles, locks). */
	public static final String INTERNAL = ".gathercopy";

	static final int MAX_LENGTH = 4096;

	static final int MAX_SEGMENT_BYTES = 255;

	public StoragePath {
		String problem = problemWith(value);
		if (problem != null) {
			throw new StorageException(ProblemKind.INVALID_PATH, problem).with("path", printable(value));
		}
	}

	public static StoragePath of(String value) {
		return new StoragePath(value);
	}

	/** The folder part, or an empty string for a file at the root. */
	public String parent() {
		int slash = this.value.lastIndexOf('/');
		return (slash < 0) ? "" : this.value.substring(0, slash);
	}

	@Override
	public String toString() {
		return this.value;
	}

	private static String problemWith(String value) {
		if (value == null || value.isEmpty()) {
			return "path is empty";
		}
		if (value.length() > MAX_LENGTH) {
			return "path is longer than " + MAX_LENGTH + " characters";
		}
		if (value.startsWith("/")) {
			return "path must be relative";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\') {
				return "path must not contain a backslash";
			}
			if (c < 0x20 || c == 0x7f) {
				return "path must not contain control characters";
			}
		}
		String[] segments = value.split("/", -1);
		for (String segment : segments) {
			if (segment.isEmpty()) {
				return "path must not contain empty segments";
			}
			if (segment.equals(".") || segment.equals("..")) {
				return "path must not contain '.' or '..' segments";
			}
			String folded = Normalizer.normalize(segment, Normalizer.Form.NFKC);
			if (folded.equals(".") || folded.equals("..") || folded.indexOf('/') >= 0 || folded.indexOf('\\') >= 0) {
				return "path must not contain segments that read as '.', '..', '/' or '\\' once normalized";
			}
			if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
				return "path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
			}
		}
		if (segments[0].equals(INTERNAL)) {
			return "'" + INTERNAL + "' is reserved";
		}
		return null;
	}

	private static String printable(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		value.codePoints().limit(512).forEach((cp) -> {
			if (cp < 0x20 || cp == 0x7f) {
				out.append(String.format("\\u%04x", cp));
			}
			else {
				out.appendCodePoint(cp);
			}
		});
		return out.toString();
	}

}
