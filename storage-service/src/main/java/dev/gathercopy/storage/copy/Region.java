package dev.gathercopy.storage.copy;

/** Bytes to copy: {@code length} bytes from {@code sourceOffset} of the source to {@code destinationOffset}. */
public record Region(Long sourceOffset, Long destinationOffset, Long length) {
}
