package dev.gathercopy.storage.copy;

import java.util.List;

/** A gather-copy: the source handle and the regions to copy from it, in order. */
public record GatherCopyRequest(String source, List<Region> regions) {
}
