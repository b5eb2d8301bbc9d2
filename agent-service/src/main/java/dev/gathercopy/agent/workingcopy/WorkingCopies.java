package dev.gathercopy.agent.workingcopy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.gathercopy.agent.auth.Caller;
import dev.gathercopy.agent.plan.DiffPlanner;
import dev.gathercopy.agent.plan.EditLog;
import dev.gathercopy.agent.plan.FileAddBuffer;
import dev.gathercopy.agent.plan.MemoryAddBuffer;
import dev.gathercopy.agent.plan.Plan;
import dev.gathercopy.agent.plan.PlanApplier;
import dev.gathercopy.agent.problem.AgentException;
import dev.gathercopy.agent.problem.ProblemKind;
import dev.gathercopy.agent.storage.StorageCallException;
import dev.gathercopy.agent.storage.StorageClient;
import dev.gathercopy.agent.storage.StorageDtos.FileInfo;
import dev.gathercopy.agent.workingcopy.WorkingCopyState.PendingCommit;
import dev.gathercopy.agent.workingcopy.WorkingCopyState.Rebasing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The working copies in the workspace: checkout, edits through the API or by any program on disk, plans, refresh. Each
 * working copy is used by one request at a time.
 */
@Service
public class WorkingCopies {

	private static final Logger log = LoggerFactory.getLogger(WorkingCopies.class);

	/** Literal bytes up to which a base patched in place is patched before the push answers. */
	private static final long PATCH_BEFORE_ANSWER = 16 << 20;

	private final Workspace workspace;

	private final StorageClient storage;

	private final BackgroundRebases rebases;

	private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

	private final Map<String, DiffPlan> diffPlans = new ConcurrentHashMap<>();

	private final AtomicLong diffsMade = new AtomicLong();

	WorkingCopies(Workspace workspace, StorageClient storage, BackgroundRebases rebases) {
		this.workspace = workspace;
		this.storage = storage;
		this.rebases = rebases;
	}

	/** Something done with a working copy while it is locked. */
	@FunctionalInterface
	public interface Action<T> {

		T run(Session session) throws IOException;

	}

	public WorkingCopy checkout(Caller caller, String path, boolean create) throws IOException {
		checkPath(path);
		caller.checkAccess(path);
		String id = this.workspace.newId();
		boolean done = false;
		try {
			Path base = this.workspace.base(id);
			Path work = this.workspace.work(id, path);
			String version;
			try {
				version = this.storage.download(path, base).version();
			}
			catch (StorageCallException ex) {
				if (!ex.isStatus(404)) {
					throw ex;
				}
				if (!create) {
					throw remoteNotFound(path);
				}
				Files.deleteIfExists(base);
				Files.createFile(base);
				version = null;
			}
			Files.copy(base, work, StandardCopyOption.REPLACE_EXISTING);
			WorkingCopyState state = new WorkingCopyState(id, path, caller.name(), version, Files.size(base),
					FileStamp.ofOwnWrite(work), true, false, null, null);
			this.workspace.save(state);
			done = true;
			return view(state);
		}
		finally {
			if (!done) {
				this.workspace.delete(id);
			}
		}
	}

	public List<WorkingCopy> list(Caller caller) throws IOException {
		List<WorkingCopy> copies = new ArrayList<>();
		for (WorkingCopyState state : this.workspace.all()) {
			if (state.owner().equals(caller.name()) && caller.mayAccess(state.path())) {
				copies.add(locked(caller, state.id(), Session::view));
			}
		}
		return copies;
	}

	public WorkingCopy get(Caller caller, String id) throws IOException {
		return locked(caller, id, Session::view);
	}

	public void delete(Caller caller, String id, boolean discard) throws IOException {
		locked(caller, id, (session) -> {
			if (session.state().isModified() && !discard) {
				throw new AgentException(ProblemKind.UNPUSHED_CHANGES,
						"working copy " + id + " has unpushed changes; push them, or delete with ?discard=true")
					.with("id", id);
			}
			if (session.state().pending() != null) {
				this.storage.close(session.state().pending().writeHandle());
			}
			this.workspace.delete(id);
			return null;
		});
		this.diffPlans.remove(id);
		this.locks.remove(id);
	}

	/** How many plans were computed by a diff of the files: a plan asked for again for the same files is not. */
	long diffsMade() {
		return this.diffsMade.get();
	}

	/** A diff plan and what it was computed from: the working file's stamp, the base's version and size. */
	private record DiffPlan(FileStamp stamp, String baseVersion, long baseSize, Plan plan) {

		boolean isFor(WorkingCopyState state) {
			return this.stamp.equals(state.stamp()) && Objects.equals(this.baseVersion, state.baseVersion())
					&& this.baseSize == state.baseSize();
		}

	}

	/** Runs an action on the working file's content path while the working copy is locked. */
	public <T> T withContent(Caller caller, String id, ContentAction<T> action) throws IOException {
		return locked(caller, id, (session) -> action.run(session.work(), session.view()));
	}

	/** Something done with a working file. */
	@FunctionalInterface
	public interface ContentAction<T> {

		T run(Path work, WorkingCopy copy) throws IOException;

	}

	/** Replaces the whole content of the working file with a stream. */
	public WorkingCopy replaceContent(Caller caller, String id, InputStream content) throws IOException {
		return locked(caller, id, (session) -> {
			Path scratch = this.workspace.scratch(id, "content");
			try (OutputStream out = Files.newOutputStream(scratch)) {
				content.transferTo(out);
			}
			session.replaceWork(scratch, false);
			return session.view();
		});
	}

	/** Applies edits in order, all or none: the edit log records them and the working file takes them. */
	public WorkingCopy patch(Caller caller, String id, List<Edit> edits) throws IOException {
		return locked(caller, id, (session) -> {
			session.applyEdits(edits);
			return session.view();
		});
	}

	public Plan plan(Caller caller, String id) throws IOException {
		return locked(caller, id, Session::plan);
	}

	/** Replaces base and working file with the current remote version, unless local changes would be lost. */
	public WorkingCopy refresh(Caller caller, String id, boolean discard) throws IOException {
		return locked(caller, id, (session) -> {
			session.settlePending();
			if (session.state().isModified() && !discard) {
				throw new AgentException(ProblemKind.UNPUSHED_CHANGES, "working copy " + id
						+ " has unpushed changes; push them, or refresh with ?discard=true").with("id", id);
			}
			session.downloadBase();
			return session.view();
		});
	}

	/** Runs an action on a working copy of the caller's, holding its lock and seeing any change made on disk. */
	public <T> T locked(Caller caller, String id, Action<T> action) throws IOException {
		ReentrantLock lock = this.locks.computeIfAbsent(id, (key) -> new ReentrantLock());
		lock.lock();
		try {
			WorkingCopyState state = this.workspace.load(id)
				.filter((found) -> found.owner().equals(caller.name()))
				.orElseThrow(() -> new AgentException(ProblemKind.WORKING_COPY_NOT_FOUND, "no working copy " + id)
					.with("id", id));
			caller.checkAccess(state.path());
			Session session = new Session(state);
			session.recover();
			session.observe();
			return action.run(session);
		}
		finally {
			lock.unlock();
		}
	}

	/** Finishes a working copy's rebase, if no request did so first; a failure leaves it to the next request. */
	private void finishRebase(String id) {
		ReentrantLock lock = this.locks.computeIfAbsent(id, (key) -> new ReentrantLock());
		lock.lock();
		try {
			Optional<WorkingCopyState> state = this.workspace.load(id);
			if (state.isPresent() && state.get().rebasing() != null) {
				new Session(state.get()).recover();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not finish the rebase of working copy {}; the next request on it will: {}", id,
					ex.toString());
		}
		finally {
			lock.unlock();
		}
	}

	private static AgentException remoteNotFound(String path) {
		return new AgentException(ProblemKind.REMOTE_FILE_NOT_FOUND, "storage has no file at '" + path
				+ "' (check out with \"create\": true to start a new one)").with("path", path);
	}

	/** Refuses, before storage is asked, any path that storage would refuse: the same rules as its own paths. */
	private static void checkPath(String path) {
		String problem = RemotePaths.problemWith(path);
		if (problem != null) {
			throw new AgentException(ProblemKind.INVALID_PATH, problem).with("path", String.valueOf(path));
		}
	}

	private WorkingCopy view(WorkingCopyState state) throws IOException {
		return new WorkingCopy(state.id(), state.path(), state.baseVersion(), state.stamp().size(),
				state.isModified() ? WorkingCopy.MODIFIED : WorkingCopy.CLEAN,
				this.workspace.work(state.id(), state.path()).toString());
	}

	/** One working copy, locked for the caller. */
	public final class Session {

		private WorkingCopyState state;

		private Session(WorkingCopyState state) {
			this.state = state;
		}

		WorkingCopyState state() {
			return this.state;
		}

		public String path() {
			return this.state.path();
		}

		/** The remote version the working copy is based on, or null when the file is new. */
		public String baseVersion() {
			return this.state.baseVersion();
		}

		public Path base() {
			return WorkingCopies.this.workspace.base(this.state.id());
		}

		public Path work() {
			return WorkingCopies.this.workspace.work(this.state.id(), this.state.path());
		}

		/** Whether the working copy holds anything the remote file does not. */
		public boolean isModified() {
			return this.state.isModified();
		}

		public WorkingCopy view() throws IOException {
			return WorkingCopies.this.view(this.state);
		}

		/**
		 * The regions and literals that build the working file from the base. A diff plan is computed once for a
		 * working file stamp and a base version: asked for again while neither changed, the same plan is answered.
		 */
		public Plan plan() throws IOException {
			if (this.state.editLogValid()) {
				try (EditLogFile log = openEditLog()) {
					return log.editLog().plan();
				}
			}
			DiffPlan known = WorkingCopies.this.diffPlans.get(this.state.id());
			if (known != null && known.isFor(this.state)) {
				return known.plan();
			}
			WorkingCopies.this.diffPlans.remove(this.state.id());
			Plan plan = DiffPlanner.plan(base(), work());
			WorkingCopies.this.diffsMade.incrementAndGet();
			WorkingCopies.this.diffPlans.put(this.state.id(), new DiffPlan(this.state.stamp(), this.state.baseVersion(),
					this.state.baseSize(), plan));
			return plan;
		}

		/** Notices a change made to the working file by another program: the edit log no longer describes it. */
		void observe() throws IOException {
			FileStamp now;
			try {
				now = FileStamp.of(work());
			}
			catch (NoSuchFileException ex) {
				Files.createFile(work());
				now = FileStamp.of(work());
			}
			if (!now.equals(this.state.stamp())) {
				save(this.state.withStamp(now, false, true));
			}
		}

		void applyEdits(List<Edit> edits) throws IOException {
			long size = this.state.stamp().size();
			Edits.validate(edits, size, this.state.baseSize());
			if (edits.isEmpty()) {
				return;
			}
			if (Edits.allInPlace(edits, size)) {
				writeInPlace(edits);
				return;
			}
			Path scratch = WorkingCopies.this.workspace.scratch(this.state.id(), "edited");
			if (this.state.editLogValid()) {
				try (EditLogFile log = openEditLog()) {
					Edits.apply(edits, log.editLog());
					rebuild(base(), log.editLog(), scratch);
					// the edit log is saved only once the working file it describes is in place: a crash in between
					// leaves a new working file, which the next request sees as changed on disk
					Files.move(scratch, work(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
					log.save();
				}
				save(this.state.withStamp(FileStamp.ofOwnWrite(work()), true, true));
			}
			else {
				try (MemoryAddBuffer added = new MemoryAddBuffer()) {
					EditLog overWork = new EditLog(size, added);
					Edits.apply(edits, overWork, base());
					rebuild(work(), overWork, scratch);
				}
				replaceWork(scratch, false);
			}
		}

		/**
		 * Overwrites bytes of the working file in place, all or none across a crash: the bytes it overwrites are kept
		 * in an undo record until the state knows the edited file, and {@link #recover()} puts them back otherwise.
		 */
		private void writeInPlace(List<Edit> edits) throws IOException {
			String id = this.state.id();
			WorkingCopies.this.workspace.saveUndo(id, InPlaceUndo.of(this.state.stamp(), work(), edits));
			try (FileChannel channel = FileChannel.open(work(), StandardOpenOption.WRITE)) {
				for (Edit edit : edits) {
					ByteBuffer bytes = ByteBuffer.wrap(edit.data());
					while (bytes.hasRemaining()) {
						channel.write(bytes, edit.offset() + bytes.position());
					}
				}
			}
			boolean editLogValid = this.state.editLogValid();
			save(this.state.withStamp(FileStamp.ofOwnWrite(work()), false, true));
			if (editLogValid) {
				try (EditLogFile log = openEditLog()) {
					Edits.apply(edits, log.editLog());
					log.save();
				}
				save(this.state.withStamp(this.state.stamp(), true, true));
			}
			WorkingCopies.this.workspace.deleteUndo(id);
		}

		/**
		 * Rolls back an in-place PATCH that a crash interrupted before the state recorded it, and finishes a rebase
		 * that a crash, a stop or the background left unfinished.
		 */
		void recover() throws IOException {
			String id = this.state.id();
			Optional<InPlaceUndo> undo = WorkingCopies.this.workspace.loadUndo(id);
			if (undo.isPresent()) {
				if (undo.get().before().equals(this.state.stamp())) {
					undo.get().restore(work());
					save(this.state.withStamp(FileStamp.ofOwnWrite(work()), this.state.editLogValid(),
							this.state.edited()));
				}
				WorkingCopies.this.workspace.deleteUndo(id);
			}
			finishRebase();
		}

		/** Moves new content over the working file; the edit log stays valid only if it already describes it. */
		void replaceWork(Path content, boolean editLogValid) throws IOException {
			Files.move(content, work(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			save(this.state.withStamp(FileStamp.ofOwnWrite(work()), editLogValid, true));
		}

		/** Downloads the current remote version as the new base and working file, dropping local changes. */
		void downloadBase() throws IOException {
			Path scratch = WorkingCopies.this.workspace.scratch(this.state.id(), "download");
			FileInfo remote;
			try {
				remote = WorkingCopies.this.storage.download(path(), scratch);
			}
			catch (StorageCallException ex) {
				throw ex.isStatus(404) ? remoteNotFound(path()) : ex;
			}
			replaceBase(scratch);
			resetToBase(remote.version());
		}

		/**
		 * Makes the base the version that the pending commit landed, built from the old base by the pushed plan and
		 * literal bytes, whatever the working file holds now. A plan that leaves reused bytes in place is patched into
		 * the base at once when it is small; any other is rebuilt in the background, and the next request on the
		 * working copy waits for it or finishes it. The working copy is clean if its working file is still the one
		 * pushed.
		 */
		public void rebase(FileInfo landed) throws IOException {
			PendingCommit pending = this.state.pending();
			PushedPlan pushed = pushedPlan().orElseThrow(() -> new IllegalStateException("no pushed plan for "
					+ ((pending != null) ? pending.writeHandle() : "a commit that is not pending")));
			boolean inPlace = pushed.inPlaceOver(this.state.baseSize());
			save(this.state.withRebasing(new Rebasing(landed.version(), pushed.plan().size(), pending.pushed(), inPlace,
					false)));
			if (inPlace && pushed.plan().literalBytes() <= PATCH_BEFORE_ANSWER) {
				finishRebase();
			}
			else {
				String id = this.state.id();
				WorkingCopies.this.rebases.submit(() -> WorkingCopies.this.finishRebase(id));
			}
		}

		/** Whether the plan of the pending commit was saved, so that {@link #rebase} can build the landed version. */
		boolean canRebase() throws IOException {
			return pushedPlan().isPresent();
		}

		/** Where a push keeps the literal bytes it sends, for the rebase after its commit. */
		public Path pushedLiterals() {
			return WorkingCopies.this.workspace.pushedLiterals(this.state.id());
		}

		/**
		 * Records a commit whose answer may be lost, so that the next push or refresh can settle it; first saves its
		 * plan beside the literal bytes sent, from which the base becomes the landed version.
		 */
		public void recordPending(String writeHandle, Plan plan, String sha256) throws IOException {
			long sent = Files.size(pushedLiterals());
			if (sent != plan.literalBytes()) {
				throw new IllegalStateException("pushed " + sent + " literal bytes of " + plan.literalBytes());
			}
			new PushedPlan(writeHandle, plan).save(WorkingCopies.this.workspace.pushedPlan(this.state.id()));
			save(this.state.withPending(new PendingCommit(writeHandle, this.state.baseVersion(), plan.size(), sha256,
					this.state.stamp())));
		}

		public void clearPending() throws IOException {
			save(this.state.withPending(null));
			dropPushed();
		}

		/** Removes what a push kept for its rebase, unless a commit is pending or a rebase needs it. */
		public void dropPushed() throws IOException {
			if (this.state.pending() == null && this.state.rebasing() == null) {
				Files.deleteIfExists(WorkingCopies.this.workspace.pushedPlan(this.state.id()));
				Files.deleteIfExists(pushedLiterals());
			}
		}

		private Optional<PushedPlan> pushedPlan() throws IOException {
			PendingCommit pending = this.state.pending();
			if (pending == null) {
				return Optional.empty();
			}
			return PushedPlan.load(WorkingCopies.this.workspace.pushedPlan(this.state.id()))
				.filter((pushed) -> pushed.writeHandle().equals(pending.writeHandle()));
		}

		/** Brings the base to the version being rebased to; every step can be repeated after a crash. */
		private void finishRebase() throws IOException {
			Rebasing rebasing = this.state.rebasing();
			if (rebasing == null) {
				return;
			}
			String id = this.state.id();
			Path scratch = scratch("base");
			if (!rebasing.built()) {
				PushedPlan pushed = PushedPlan.load(WorkingCopies.this.workspace.pushedPlan(id))
					.orElseThrow(() -> new IllegalStateException("working copy " + id + " lost its pushed plan"));
				if (rebasing.inPlace()) {
					pushed.patch(base(), pushedLiterals());
				}
				else {
					pushed.rebuild(base(), pushedLiterals(), scratch);
					save(this.state.withRebasing(new Rebasing(rebasing.version(), rebasing.size(), rebasing.pushed(),
							false, true)));
				}
			}
			if (!rebasing.inPlace() && Files.exists(scratch)) {
				Files.move(scratch, base(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			deleteEditLog();
			WorkingCopyState rebased = this.state.rebased(rebasing.version(), rebasing.size(), rebasing.pushed());
			save(workIs(rebasing.pushed()) ? rebased : rebased.withStamp(rebasing.pushed(), false, true));
			dropPushed();
		}

		private boolean workIs(FileStamp stamp) throws IOException {
			try {
				return FileStamp.of(work()).equals(stamp);
			}
			catch (NoSuchFileException | AgentException ex) {
				return false;
			}
		}

		/** Settles a commit left unanswered by an earlier push: adopts it if it landed, forgets it if not. */
		public void settlePending() throws IOException {
			new PendingCommits(WorkingCopies.this.storage, this).settle(this.state.pending());
			finishRebase();
		}

		void resetToBase(String version) throws IOException {
			Files.copy(base(), work(), StandardCopyOption.REPLACE_EXISTING);
			deleteEditLog();
			save(this.state.rebased(version, Files.size(base()), FileStamp.ofOwnWrite(work())));
		}

		/** After a landed commit whose content the working file may no longer hold: the landed file becomes the base. */
		void adoptLanded(FileInfo landed, Path landedContent) throws IOException {
			replaceBase(landedContent);
			deleteEditLog();
			WorkingCopyState rebased = this.state.rebased(landed.version(), Files.size(base()), this.state.stamp());
			boolean same = java.util.Arrays.equals(FileDigest.sha256(base()), FileDigest.sha256(work()));
			save(same ? rebased : rebased.withStamp(rebased.stamp(), false, true));
		}

		/**
		 * Moves new content over the base, having first recorded that the edit log no longer counts: it describes the
		 * working file over the old base, so a crash before the state is saved again must not leave it in use.
		 */
		private void replaceBase(Path content) throws IOException {
			if (this.state.editLogValid()) {
				save(this.state.withStamp(this.state.stamp(), false, this.state.edited()));
			}
			Files.move(content, base(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}

		Path scratch(String name) {
			return WorkingCopies.this.workspace.scratch(this.state.id(), name);
		}

		private void save(WorkingCopyState next) throws IOException {
			WorkingCopies.this.workspace.save(next);
			this.state = next;
		}

		private EditLogFile openEditLog() throws IOException {
			return EditLogFile.open(WorkingCopies.this.workspace.editLog(this.state.id()),
					WorkingCopies.this.workspace.addBuffer(this.state.id()), this.state.baseSize());
		}

		private void deleteEditLog() throws IOException {
			Files.deleteIfExists(WorkingCopies.this.workspace.editLog(this.state.id()));
			Files.deleteIfExists(WorkingCopies.this.workspace.addBuffer(this.state.id()));
		}

		private static void rebuild(Path from, EditLog log, Path target) throws IOException {
			try (FileChannel source = FileChannel.open(from, StandardOpenOption.READ);
					FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
							StandardOpenOption.TRUNCATE_EXISTING)) {
				PlanApplier.rebuild(source, log.plan(), log.literals(), out);
			}
		}

	}

}
