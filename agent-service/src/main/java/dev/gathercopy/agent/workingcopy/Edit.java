package dev.gathercopy.agent.workingcopy;

/**
 * One edit of a PATCH: {@code insert} or {@code replace} {@code data} at {@code offset}, {@code delete} {@code length}
 * bytes there, or {@code copy} {@code length} bytes of the base from {@code sourceOffset} in at {@code offset}.
 */
public record Edit(String op, Long offset, Long length, byte[] data, Long sourceOffset) {
}
