package dev.gathercopy.storage.file;

import java.util.List;

/** One page of a listing; {@code next} is the cursor for the following page, or null at the end. */
public record Listing(List<FileInfo> files, String next) {
}
