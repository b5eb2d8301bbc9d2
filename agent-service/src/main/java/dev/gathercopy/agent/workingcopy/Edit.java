package dev.gathercopy.agent.workingcopy;

/** One edit of a PATCH: {@code insert} or {@code replace} {@code data} at {@code offset}, or {@code delete} {@code length} bytes there. */
public record Edit(String op, Long offset, Long length, byte[] data) {
}
