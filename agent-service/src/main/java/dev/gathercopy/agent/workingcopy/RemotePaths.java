package dev.gathercopy.agent.workingcopy;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The storage service's rules for file paths, checked by the agent before it calls storage, so that a path storage
 * would refuse is the caller's 400 and never a failed storage call (502).
 */
final class RemotePaths {

	private static final int MAX_LENGTH = 4096;

	private static final int MAX_SEGMENT_BYTES = 255;

	private RemotePaths() {
	}

	/** What is wrong with a path, or null when storage would take it. */
	static String problemWith(String path) {
		if (path == null || path.isEmpty()) {
			return "path is empty";
		}
		if (path.length() > MAX_LENGTH) {
			return "path is longer than " + MAX_LENGTH + " characters";
		}
		if (path.chars().anyMatch((c) -> c < 0x20 || c == 0x7f || c == '\\')) {
			return "path must not contain control characters or a backslash";
		}
		String[] segments = path.split("/", -1);
		for (String segment : segments) {
			String folded = Normalizer.normalize(segment, Normalizer.Form.NFKC);
			if (segment.isEmpty() || folded.equals(".") || folded.equals("..") || folded.indexOf('/') >= 0
					|| folded.indexOf('\\') >= 0) {
				return "path must be relative, '/'-separated, without empty, '.' or '..' segments (nor look-alikes)";
			}
			if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
				return "path segment longer than " + MAX_SEGMENT_BYTES + " bytes";
			}
		}
		if (segments[0].equals(".gathercopy")) {
			return "'.gathercopy' is reserved by storage";
		}
		return null;
	}

}
