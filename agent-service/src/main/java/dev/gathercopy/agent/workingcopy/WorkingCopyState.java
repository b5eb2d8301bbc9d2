package dev.gathercopy.agent.workingcopy;

/**
 * The persisted state of a working copy. {@code baseVersion} is null for a file that does not exist remotely yet.
 * {@code stamp} is the working file as the agent last wrote it; {@code editLogValid} says whether the edit log still
 * describes the working file exactly (false once something else changed it). {@code pending} is a push whose commit
 * may have landed without its answer arriving.
 */
record WorkingCopyState(String id, String path, String owner, String baseVersion, long baseSize, FileStamp stamp,
		boolean editLogValid, boolean edited, PendingCommit pending) {

	/** A commit whose outcome is unknown: repeating it with the same handle and precondition settles it. */
	record PendingCommit(String writeHandle, String baseVersion, long size, String sha256, FileStamp pushed) {
	}

	WorkingCopyState withStamp(FileStamp stamp, boolean editLogValid, boolean edited) {
		return new WorkingCopyState(this.id, this.path, this.owner, this.baseVersion, this.baseSize, stamp,
				editLogValid, edited, this.pending);
	}

	WorkingCopyState withPending(PendingCommit pending) {
		return new WorkingCopyState(this.id, this.path, this.owner, this.baseVersion, this.baseSize, this.stamp,
				this.editLogValid, this.edited, pending);
	}

	WorkingCopyState rebased(String baseVersion, long baseSize, FileStamp stamp) {
		return new WorkingCopyState(this.id, this.path, this.owner, baseVersion, baseSize, stamp, true, false, null);
	}

	boolean isModified() {
		return this.edited || this.baseVersion == null;
	}

}
