package dev.gathercopy.storage.file;

/** The outcome of an atomic replace: the new file, and whether it was created rather than replaced. */
public record Replaced(FileInfo info, boolean created) {
}
