package dev.gathercopy.storage.file;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Mutual exclusion by key, between threads and between processes that share the storage root: each key maps to one of
 * a fixed set of stripes, held as a JVM lock plus an OS byte-range lock on one shared lock file. Keys taken together are
 * taken in stripe order, so no two callers can deadlock.
 */
@Component
public class Locks implements DisposableBean {

	static final int STRIPES = 4096;

	private static final Duration DEADLOCK_RETRY = Duration.ofMinutes(2);

	private final ReentrantLock[] local = new ReentrantLock[STRIPES];

	private final FileLock[] held = new FileLock[STRIPES];

	private final FileChannel lockFile;

	Locks(StorageRoot root) throws IOException {
		Arrays.setAll(this.local, (i) -> new ReentrantLock());
		this.lockFile = FileChannel.open(root.internal("locks"), StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
	}

	/** A held lock, released by {@link #close()}. */
	public interface Held extends AutoCloseable {

		@Override
		void close();

	}

	/** Takes the locks of all the keys, blocking until they are free. */
	public Held lock(String... keys) {
		int[] stripes = Arrays.stream(keys).mapToInt(Locks::stripe).sorted().distinct().toArray();
		int taken = 0;
		try {
			for (int stripe : stripes) {
				acquire(stripe);
				taken++;
			}
		}
		catch (RuntimeException ex) {
			releaseAll(stripes, taken);
			throw ex;
		}
		return () -> releaseAll(stripes, stripes.length);
	}

	public boolean isHeldByCurrentThread(String key) {
		return this.local[stripe(key)].isHeldByCurrentThread();
	}

	private void acquire(int stripe) {
		ReentrantLock lock = this.local[stripe];
		lock.lock();
		if (lock.getHoldCount() > 1) {
			return;
		}
		try {
			this.held[stripe] = lockStripe(stripe);
		}
		catch (IOException ex) {
			lock.unlock();
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Takes a stripe's byte-range lock. The kernel tracks these locks per process, not per thread, so with threads of
	 * two processes holding and waiting for stripes it may see a cycle that the stripe order rules out and refuse with
	 * EDEADLK; the holders still make progress, so the lock is asked for again after a short pause.
	 */
	private FileLock lockStripe(int stripe) throws IOException {
		long deadline = System.nanoTime() + DEADLOCK_RETRY.toNanos();
		for (int attempt = 1;; attempt++) {
			try {
				return this.lockFile.lock(stripe, 1, false);
			}
			catch (IOException ex) {
				String message = ex.getMessage();
				if (message == null || !message.contains("deadlock") || System.nanoTime() > deadline) {
					throw ex;
				}
			}
			try {
				Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + Math.min(50, attempt * 2L)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while waiting for lock stripe " + stripe);
			}
		}
	}

	private void releaseAll(int[] stripes, int count) {
		for (int i = count - 1; i >= 0; i--) {
			int stripe = stripes[i];
			ReentrantLock lock = this.local[stripe];
			try {
				if (lock.getHoldCount() == 1 && this.held[stripe] != null) {
					this.held[stripe].release();
					this.held[stripe] = null;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				lock.unlock();
			}
		}
	}

	private static int stripe(String key) {
		return Math.floorMod(key.hashCode() * 0x9E3779B1, STRIPES);
	}

	@Override
	public void destroy() throws IOException {
		this.lockFile.close();
	}

}
