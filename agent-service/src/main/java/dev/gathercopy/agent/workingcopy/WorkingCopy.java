package dev.gathercopy.agent.workingcopy;

/** A working copy as the API shows it. */
public record WorkingCopy(String id, String path, String baseVersion, long size, String state, String localFile) {

	public static final String CLEAN = "clean";

	public static final String MODIFIED = "modified";

}
