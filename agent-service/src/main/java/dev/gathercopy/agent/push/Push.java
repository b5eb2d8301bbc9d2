package dev.gathercopy.agent.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.gathercopy.agent.auth.Caller;
import dev.gathercopy.agent.config.AgentProperties;
import dev.gathercopy.agent.plan.Plan;
import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.agent.storage.RequestMeter;
import dev.gathercopy.agent.storage.StorageCallException;
import dev.gathercopy.agent.storage.StorageClient;
import dev.gathercopy.agent.storage.StorageDtos.CopyRegion;
import dev.gathercopy.agent.storage.StorageDtos.Expected;
import dev.gathercopy.agent.storage.StorageDtos.Extent;
import dev.gathercopy.agent.storage.StorageDtos.FileInfo;
import dev.gathercopy.agent.storage.StorageDtos.Limits;
import dev.gathercopy.agent.workingcopy.FileDigest;
import dev.gathercopy.agent.workingcopy.WorkingCopies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Pushes a working copy: pins the base version with a read handle, stages the new file in a write handle from
 * server-side copies of the regions and the literal bytes, and commits it if the remote file is still the base. Holds
 * at most those two handles and closes them whatever happens, except a write handle whose commit may have landed.
 */
@Service
class Push {

	private static final Logger log = LoggerFactory.getLogger(Push.class);

	private final WorkingCopies workingCopies;

	private final StorageClient storage;

	private final boolean verify;

	Push(WorkingCopies workingCopies, StorageClient storage, AgentProperties properties) {
		this.workingCopies = workingCopies;
		this.storage = storage;
		this.verify = properties.push().verify();
	}

	PushResult push(Caller caller, String id) throws IOException {
		return this.workingCopies.locked(caller, id, (session) -> {
			long started = System.nanoTime();
			try (RequestMeter.Measurement sent = RequestMeter.start()) {
				session.settlePending();
				Plan plan = session.plan();
				if (!session.isModified()) {
					return new PushResult(session.path(), session.baseVersion(), plan.size(), plan.regionCount(),
							plan.reusedBytes(), 0, sent.bytes(), (System.nanoTime() - started) / 1_000_000);
				}
				CompletableFuture<String> sha256 = this.verify ? CompletableFuture.supplyAsync(() -> {
					try {
						return FileDigest.sha256Hex(session.work());
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}) : CompletableFuture.completedFuture(null);
				Limits limits = this.storage.limits();
				String path = session.path();
				String base = session.baseVersion();
				String read = null;
				String write = null;
				boolean keepWrite = false;
				try {
					if (base != null && plan.regionCount() > 0) {
						read = openBase(path, base);
					}
					write = this.storage.openWrite(path).handle();
					for (List<CopyRegion> batch : Batches.ofRegions(plan.regions(), limits)) {
						this.storage.gatherCopy(write, read, batch);
					}
					sendLiterals(session, write, plan, limits);
					String sha = await(sha256);
					session.recordPending(write, plan, sha);
					FileInfo landed;
					try {
						landed = this.storage.commit(write, base, this.verify ? new Expected(plan.size(), sha) : null);
					}
					catch (StorageCallException ex) {
						if (ex.outcomeUnknown()) {
							keepWrite = true;
							throw ex;
						}
						session.clearPending();
						if (ex.isStatus(412)) {
							throw conflict(path, (String) ex.problem().get("currentVersion"));
						}
						throw ex;
					}
					session.rebase(landed);
					closeQuietly(read);
					closeQuietly(write);
					read = null;
					write = null;
					long millis = (System.nanoTime() - started) / 1_000_000;
					log.info("push path={} version={} size={} regions={} reused={} literal={} sent={} durationMs={}",
							path, landed.version(), landed.size(), plan.regionCount(), plan.reusedBytes(),
							plan.literalBytes(), sent.bytes(), millis);
					return new PushResult(path, landed.version(), landed.size(), plan.regionCount(), plan.reusedBytes(),
							plan.literalBytes(), sent.bytes(), millis);
				}
				finally {
					closeQuietly(read);
					if (!keepWrite) {
						closeQuietly(write);
					}
					sha256.cancel(false);
					session.dropPushed();
				}
			}
		});
	}

	/** Scatter-writes the literal bytes, keeping them as sent in the working copy for the rebase after the commit. */
	private void sendLiterals(WorkingCopies.Session session, String write, Plan plan, Limits limits)
			throws IOException {
		try (FileChannel sent = FileChannel.open(session.pushedLiterals(), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
			long kept = 0;
			for (List<Extent> batch : Batches.ofLiterals(plan.literals(), limits)) {
				LiteralRanges data = new LiteralRanges(session.work(), batch, sent, kept);
				this.storage.scatterWrite(write, batch, data);
				kept += data.contentLength();
			}
		}
	}

	private String openBase(String path, String base) {
		try {
			return this.storage.openRead(path, base).handle();
		}
		catch (StorageCallException ex) {
			if (ex.isStatus(412)) {
				throw conflict(path, (String) ex.problem().get("currentVersion"));
			}
			if (ex.isStatus(404)) {
				throw conflict(path, null);
			}
			throw ex;
		}
	}

	private static AgentException conflict(String path, String remoteVersion) {
		String detail = (remoteVersion != null) ? "'" + path + "' changed remotely since checkout (now version "
				+ remoteVersion + "); refresh, then push again" : "'" + path + "' was created or removed remotely since checkout";
		return new AgentException(ProblemKind.CONFLICT, detail).with("path", path).with("remoteVersion", remoteVersion);
	}

	private void closeQuietly(String handle) {
		if (handle == null) {
			return;
		}
		try {
			this.storage.close(handle);
		}
		catch (RuntimeException ex) {
			log.debug("Could not close handle: {}", ex.getMessage());
		}
	}

	private static String await(CompletableFuture<String> sha256) throws IOException {
		try {
			return sha256.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while hashing the working file", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UncheckedIOException io) {
				throw io.getCause();
			}
			throw new IOException(ex.getCause());
		}
	}

}
