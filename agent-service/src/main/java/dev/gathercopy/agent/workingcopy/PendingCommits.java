package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import dev.gathercopy.agent.storage.StorageCallException;
import dev.gathercopy.agent.storage.StorageClient;
import dev.gathercopy.agent.storage.StorageDtos.Expected;
import dev.gathercopy.agent.storage.StorageDtos.FileInfo;
import dev.gathercopy.agent.workingcopy.WorkingCopyState.PendingCommit;

/**
 * Settles a commit whose answer was lost. Repeating the same commit (same handle, same preconditions) either lands it or
 * answers the file it already landed; if the handle is gone, the remote content tells whether it was ours.
 */
final class PendingCommits {

	private final StorageClient storage;

	private final WorkingCopies.Session session;

	PendingCommits(StorageClient storage, WorkingCopies.Session session) {
		this.storage = storage;
		this.session = session;
	}

	void settle(PendingCommit pending) throws IOException {
		if (pending == null) {
			return;
		}
		FileInfo landed;
		try {
			landed = this.storage.commit(pending.writeHandle(), pending.baseVersion(),
					new Expected(pending.size(), pending.sha256()));
		}
		catch (StorageCallException ex) {
			if (ex.outcomeUnknown()) {
				throw ex;
			}
			if (ex.isStatus(404) || ex.isStatus(410)) {
				settleByContent(pending);
				return;
			}
			if (ex.isStatus(412) || ex.isStatus(422)) {
				this.storage.close(pending.writeHandle());
				this.session.clearPending();
				return;
			}
			throw ex;
		}
		adopt(landed, pending);
	}

	private void adopt(FileInfo landed, PendingCommit pending) throws IOException {
		if (this.session.canRebase()) {
			this.session.rebase(landed);
			return;
		}
		Path content = this.session.scratch("landed");
		try {
			FileInfo remote = this.storage.download(this.session.path(), content);
			this.session.adoptLanded(remote, content);
		}
		finally {
			Files.deleteIfExists(content);
		}
	}

	/** The handle is gone: the commit landed if the remote file now holds exactly what was pushed. */
	private void settleByContent(PendingCommit pending) throws IOException {
		Path content = this.session.scratch("landed");
		try {
			FileInfo remote;
			try {
				remote = this.storage.download(this.session.path(), content);
			}
			catch (StorageCallException ex) {
				if (ex.isStatus(404)) {
					this.session.clearPending();
					return;
				}
				throw ex;
			}
			String pushedSha = pending.sha256();
			if (pushedSha == null && this.session.state().stamp().equals(pending.pushed())) {
				pushedSha = FileDigest.sha256Hex(this.session.work());
			}
			boolean ours = remote.version() != null && !remote.version().equals(pending.baseVersion())
					&& pushedSha != null && pushedSha.equals(HexFormat.of().formatHex(FileDigest.sha256(content)));
			if (ours) {
				adopt(remote, pending);
			}
			else {
				this.session.clearPending();
			}
		}
		finally {
			Files.deleteIfExists(content);
		}
	}

}
