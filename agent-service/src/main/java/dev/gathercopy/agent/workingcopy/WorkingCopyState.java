package dev.gathercopy.agent.workingcopy;

/**
 * The persisted state of a working copy. {@code baseVersion} is null for a file that does not exist remotely yet.
 * {@code stamp} is the working file as the agent last wrote it; {@code editLogValid} says whether the edit log still
 * describes the working file exactly (false once something else changed it). {@code pending} is a push whose commit
 * may have landed without its answer arriving. {@code rebasing} is a landed push whose content the base does not hold
 * yet: the next use of the working copy finishes it.
 */
record WorkingCopyState(String id, String path, String owner, String baseVersion, long baseSize, FileStamp stamp,
		boolean editLogValid, boolean edited, PendingCommit pending, Rebasing rebasing) {

	/** A commit whose outcome is unknown: repeating it with the same handle and precondition settles it. */
	record PendingCommit(String writeHandle, String baseVersion, long size, String sha256, FileStamp pushed) {
	}

	/**
	 * A landed push that the base is being brought to, from the pushed plan and literal bytes: patched in place when
	 * {@code inPlace}, else rebuilt in a scratch file, which is {@code built} once complete and then renamed.
	 */
	record Rebasing(String version, long size, FileStamp pushed, boolean inPlace, boolean built) {
	}

	WorkingCopyState withStamp(FileStamp stamp, boolean editLogValid, boolean edited) {
		return new WorkingCopyState(this.id, this.path, this.owner, this.baseVersion, this.baseSize, stamp,
				editLogValid, edited, this.pending, this.rebasing);
	}

	WorkingCopyState withPending(PendingCommit pending) {
		return new WorkingCopyState(this.id, this.path, this.owner, this.baseVersion, this.baseSize, this.stamp,
				this.editLogValid, this.edited, pending, this.rebasing);
	}

	/** The pending commit landed: the edit log no longer counts, and the base is to become the landed version. */
	WorkingCopyState withRebasing(Rebasing rebasing) {
		return new WorkingCopyState(this.id, this.path, this.owner, this.baseVersion, this.baseSize, this.stamp, false,
				this.edited, null, rebasing);
	}

	WorkingCopyState rebased(String baseVersion, long baseSize, FileStamp stamp) {
		return new WorkingCopyState(this.id, this.path, this.owner, baseVersion, baseSize, stamp, true, false, null,
				null);
	}

	boolean isModified() {
		return this.edited || this.baseVersion == null;
	}

}
