package dev.gathercopy.storage.copy;

/** What a gather-copy did, and the destination's size afterwards. */
public record GatherCopyResult(int regionsCopied, long bytesCopied, long size) {
}
