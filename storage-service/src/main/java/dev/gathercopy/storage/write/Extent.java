package dev.gathercopy.storage.write;

/** Where one run of new bytes goes in the staged file. */
public record Extent(Long destinationOffset, Long length) {
}
