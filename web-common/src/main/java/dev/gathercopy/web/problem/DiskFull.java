package dev.gathercopy.web.problem;

/** Recognizes a failure caused by a full volume (ENOSPC or EDQUOT), however deep the JDK wrapped it. */
public final class DiskFull {

	private DiskFull() {
	}

	public static boolean is(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			String message = t.getMessage();
			if (message != null && (message.contains("No space left on device")
					|| message.contains("Disk quota exceeded"))) {
				return true;
			}
		}
		return false;
	}

}
