package dev.gathercopy.storage.commit;

/** What the staged file must be for a commit to land: its size and SHA-256 (hex), each optional. */
record CommitRequest(Long size, String sha256) {
}
